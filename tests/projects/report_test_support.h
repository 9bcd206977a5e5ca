#pragma once

// Shared by the report tests: the HTML checked by a real parser,
// tests/projects/check_report_html.py (Python's html.parser), a section's blocks of one
// kind, a run's request, a section's place, and the notice of a damaged file.

#include <QDebug>
#include <QProcess>
#include <QString>
#include <QStringList>

#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_labels.h"

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

// A run report's request for one run.
inline seekbench::projects::report::ReportRequest runRequest(const std::string &runId)
{
    seekbench::projects::report::ReportRequest request;
    request.runIds = {runId};
    return request;
}

// Where section `id` stands in the report, -1 when absent.
inline int sectionIndex(const seekbench::projects::report::Report &r, const std::string &id)
{
    for (std::size_t i = 0; i < r.sections.size(); ++i)
        if (r.sections[i].id == id)
            return int(i);
    return -1;
}

// A report whose run has a damaged file for `section`: that section holds one notice naming
// `file` and `problem`, and the rest of the report (metrics, provenance) is still there.
inline QString damagedFileProblem(const seekbench::projects::report::Report &r, const std::string &section,
                                  const std::string &file, const QString &problem)
{
    namespace rp = seekbench::projects::report;
    const rp::Section *s = r.section(section);
    if (!s || s->blocks.size() != 1)
        return QStringLiteral("section %1 is not one notice").arg(QString::fromStdString(section));
    const auto *notice = std::get_if<rp::MissingNotice>(&s->blocks[0]);
    if (!notice)
        return QStringLiteral("section %1 holds no notice").arg(QString::fromStdString(section));
    if (notice->what.find(file) == std::string::npos)
        return QStringLiteral("the notice does not name %1: %2")
            .arg(QString::fromStdString(file), QString::fromStdString(notice->what));
    if (!QString::fromStdString(notice->why).contains(problem))
        return QStringLiteral("the notice does not say %1: %2").arg(problem, QString::fromStdString(notice->why));
    if (!r.section(rp::sections::kMetrics) || !r.section(rp::sections::kProvenance))
        return QStringLiteral("the rest of the report is missing");
    return {};
}

} // namespace testsupport
