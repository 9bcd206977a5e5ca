#pragma once

// seekbench-cli run as a user runs it, for the reliability suites: its exit code (-1 when
// it crashed or had to be killed), stdout, stderr and wall time; and the files they share
// (the tiny config made smaller, whole files written and read).

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <utility>

namespace seekbench::testing {

struct CliResult
{
    int exitCode = -1;
    QByteArray out, err;
    qint64 ms = 0;
};

inline CliResult runCli(const QStringList &args, int timeoutMs = 120000)
{
    QElapsedTimer clock;
    clock.start();
    QProcess p;
    p.start(QStringLiteral(SEEKBENCH_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    p.waitForFinished(5000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError(), clock.elapsed()};
}

// The first byte a terminal would act on: C0 controls but the line feed ending each row,
// DEL, and the C1 controls (U+0080..U+009F, as UTF-8); -1 when there is none.
inline int firstRawControl(const QByteArray &out)
{
    for (int i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7F)
            return i;
        if (c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) >= 0x80
            && static_cast<unsigned char>(out[i + 1]) <= 0x9F)
            return i;
    }
    return -1;
}

// Writes `bytes` to `path`, replacing what was there; false when it cannot.
inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The whole file; empty when it cannot be read.
inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// resources/configs/tiny.yaml with keys replaced, each named without its section
// ({"max_steps", "4"}); empty when the file cannot be read.
inline QByteArray tinyConfig(std::initializer_list<std::pair<const char *, QByteArray>> values)
{
    QString yaml = QString::fromUtf8(readFile(QStringLiteral(SEEKBENCH_SOURCE_DIR "/resources/configs/tiny.yaml")));
    if (yaml.isEmpty())
        return {};
    for (const auto &[key, value] : values)
        yaml.replace(QRegularExpression(QStringLiteral("\n  %1:[^\n]*").arg(QLatin1String(key))),
                     QStringLiteral("\n  %1: %2").arg(QLatin1String(key), QString::fromUtf8(value)));
    return yaml.toUtf8();
}

// The tiny config cut to 4 steps on 256 samples, evaluated and checkpointed every 2: a
// finished run in about a second.
inline QByteArray fourStepConfig()
{
    return tinyConfig({{"max_steps", "4"},
                       {"warmup_steps", "1"},
                       {"eval_every", "2"},
                       {"checkpoint_every", "2"},
                       {"train_samples", "256"},
                       {"eval_samples", "64"}});
}

} // namespace seekbench::testing
