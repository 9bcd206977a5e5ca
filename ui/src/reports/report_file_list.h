#pragma once

// The reports of a project as its Reports panel lists them: those recorded in its store
// (report_store.h: kind, title, the runs or sweep they cover, and whether the file is
// still as written), then the .html and .pdf files in its reports/ folder that no record
// names (copied in, or written by a Seekbench that did not record reports), with what can
// be learnt cheaply: the kind from the file name (defaultReportPath:
// <kind>-<run>-<time>), the title from the HTML <title> or the PDF's document
// information. Newest first. Plain functions, run off the GUI thread.

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

enum class ReportFileState {
    Recorded,   // in the store, the file as written
    Changed,    // in the store, the file changed since
    Missing,    // in the store, the file gone
    Unrecorded, // a file in reports/ the store does not know
};

struct ReportFileEntry
{
    QString path; // absolute
    QString fileName;
    QString format; // "pdf" | "html"
    QString kind;   // "run" | "comparison" | "sweep" | "aml_case" | "" (a name of the user's)
    QString title;  // "" when unknown
    qint64 bytes = 0;
    QDateTime modified; // when it was recorded, else the file's time
    ReportFileState state = ReportFileState::Unrecorded;
    qint64 recordId = 0;  // its record in the store; 0 when unrecorded
    QStringList runIds;   // the runs it covers, when recorded
    QStringList runNames; // their names ("" for a run since deleted)
    QString sweepId;      // the sweep it covers, when recorded
    QString language;     // "en" | "zh_CN", when recorded
};

// The files of a reports folder, newest first; an absent folder lists nothing.
std::vector<ReportFileEntry> listReportFiles(const QString &reportsDir);
// The project's recorded reports, then the unrecorded files of its reports/ folder. A
// store that cannot be read lists the files alone.
std::vector<ReportFileEntry> listProjectReports(const std::shared_ptr<const projects::Project> &project);
// The title a report file declares ("" when it declares none or cannot be read).
QString reportFileTitle(const QString &file);

} // namespace seekbench::ui
