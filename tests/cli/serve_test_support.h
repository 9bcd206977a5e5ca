#pragma once

// `seekbench-cli serve` under test: the server as a child process on a free port, and a
// v2 infer request through a real HTTP client (cpp-httplib).

#include "cli_test_support.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <string>

namespace servetest {

using nlohmann::json;

// A running `seekbench-cli serve --port 0 --json ...`, stopped with SIGTERM at the end.
struct Server
{
    QProcess process;
    int port = 0;
    json serving;

    bool start(const QString &model, const QStringList &extra)
    {
        return startFrom({QStringLiteral("--model"), model}, extra);
    }
    // source: --model DIR, or --run ID --project DIR.
    bool startFrom(const QStringList &source, const QStringList &extra)
    {
        process.start(QStringLiteral(SEEKBENCH_CLI_PATH),
                      QStringList{QStringLiteral("serve")} + source
                          + QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--name"),
                                        QStringLiteral("tiny"), QStringLiteral("--json")}
                          + extra);
        if (!process.waitForReadyRead(60000))
            return false;
        serving = json::parse(process.readLine().toStdString(), nullptr, false);
        const QString url = QString::fromStdString(serving.value("url", std::string()));
        port = url.section(QLatin1Char(':'), -1).toInt();
        return serving.value("event", std::string()) == "serving" && port > 0;
    }
    httplib::Client client() const
    {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(30, 0);
        return c;
    }
    int terminate()
    {
        ::kill(pid_t(process.processId()), SIGTERM);
        process.waitForFinished(60000);
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    ~Server()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
};

inline int post(httplib::Client &c, const std::string &text, json *reply = nullptr)
{
    const auto r = c.Post("/v2/models/tiny/infer", text, "application/json");
    if (!r) {
        qWarning("no answer: %s", httplib::to_string(r.error()).c_str());
        return -1; // no answer at all
    }
    if (reply)
        *reply = json::parse(r->body, nullptr, false);
    return r->status;
}

} // namespace servetest
