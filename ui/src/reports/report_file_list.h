#pragma once

// The reports of a project as its Reports panel lists them: the .html and .pdf files in
// its reports/ folder, newest first, with what can be learnt cheaply: the kind from the
// file name (defaultReportPath: <kind>-<run>-<time>), the title from the HTML <title> or
// the PDF's document information. Plain functions, run off the GUI thread.

#include <QDateTime>
#include <QString>

#include <vector>

namespace seekbench::ui {

struct ReportFileEntry
{
    QString path; // absolute
    QString fileName;
    QString format; // "pdf" | "html"
    QString kind;   // "run" | "comparison" | "sweep" | "" (a name of the user's)
    QString title;  // "" when unknown
    qint64 bytes = 0;
    QDateTime modified;
};

// Newest first; an absent folder lists nothing.
std::vector<ReportFileEntry> listReportFiles(const QString &reportsDir);
// The title a report file declares ("" when it declares none or cannot be read).
QString reportFileTitle(const QString &file);

} // namespace seekbench::ui
