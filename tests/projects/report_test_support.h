#pragma once

// Shared by the report tests (test_report, test_sweep_report): the HTML checked by a real
// parser, tests/projects/check_report_html.py (Python's html.parser), and a section's blocks
// of one kind.

#include <QDebug>
#include <QProcess>
#include <QString>
#include <QStringList>

#include "seekbench/projects/report/report.h"

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace testsupport {

// Runs the parser check; returns its output, and fails the test when it does not pass.
inline QString checkHtml(const std::filesystem::path &file, const QStringList &contains, const QStringList &absent = {})
{
    if (!std::filesystem::exists("/usr/bin/python3"))
        return QStringLiteral("skipped: no /usr/bin/python3");
    QStringList args{QStringLiteral(SEEKBENCH_SOURCE_DIR "/tests/projects/check_report_html.py"),
                     QString::fromStdString(file.string())};
    for (const auto &c : contains)
        args << QStringLiteral("--contains") << c;
    for (const auto &a : absent)
        args << QStringLiteral("--absent") << a;
    QProcess py;
    py.start(QStringLiteral("/usr/bin/python3"), args);
    py.waitForFinished(60000);
    const QString out = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
    if (py.exitStatus() != QProcess::NormalExit || py.exitCode() != 0)
        qWarning().noquote() << out;
    return py.exitCode() == 0 ? out : QStringLiteral("FAILED: ") + out;
}

template<typename T>
std::vector<const T *> blocksOf(const seekbench::projects::report::Report &r, const std::string &section)
{
    std::vector<const T *> out;
    if (const seekbench::projects::report::Section *s = r.section(section))
        for (const auto &b : s->blocks)
            if (const T *t = std::get_if<T>(&b))
                out.push_back(t);
    return out;
}

} // namespace testsupport
