#pragma once

// A report's logo is kept in its template as a path relative to the project folder, so
// the template can be shared and versioned with the project. An image chosen outside the
// folder is copied into the project's reports/ folder first (the same bytes already there
// are reused); a file that is not an image is refused.

#include <QCoreApplication>
#include <QString>

namespace seekbench::ui {

struct ReportLogo
{
    QString relativePath; // inside the project, '/'-separated; "" when refused
    QString copiedTo;     // the copy made in reports/ ("" when the file was inside already)
    QString error;        // why the file was refused, for the user
};

class ReportLogoFiles
{
    Q_DECLARE_TR_FUNCTIONS(ReportLogoFiles)
public:
    // `file` as a logo of the project in `projectDir`; `canWrite` false: a file outside the
    // folder cannot be copied in, and is refused.
    static ReportLogo adopt(const QString &projectDir, const QString &file, bool canWrite);
    // The absolute file of a template's logo, or an error when it leaves the project
    // folder, is missing or is not an image.
    static QString resolve(const QString &projectDir, const QString &relativePath, QString *error);
    static bool isImage(const QString &file);
};

} // namespace seekbench::ui
