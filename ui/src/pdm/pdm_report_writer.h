#pragma once

#include "seekbench/projects/pdm_case.h"

#include <QCoreApplication>
#include <QString>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// The maintenance case report as a file, in the interface language: one report document
// (projects/report/pdm_case_document.h, the same as `seekbench-cli pdm report` writes)
// rendered by the report machinery as HTML or PDF (by the path's suffix, .html or .pdf).
class PdmReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(PdmReportWriter)
public:
    // Loads the case and writes it. Returns an empty string on success, else a message naming
    // the file (or the case) and the problem.
    static QString write(const projects::Project &project, const projects::PdmCaseRequest &request, const QString &path);
};

} // namespace seekbench::ui
