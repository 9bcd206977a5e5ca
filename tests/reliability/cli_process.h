#pragma once

// seekbench-cli run as a user runs it, for the reliability suites: its exit code (-1 when
// it crashed or had to be killed), stdout, stderr and wall time.

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QStringList>

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

} // namespace seekbench::testing
