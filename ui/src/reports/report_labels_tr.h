#pragma once

// The report's labels (projects/report/report_labels.h) in the interface language: every
// one through Qt's translator (context "ReportLabels"), the language code included, so a
// zh_CN interface writes a Chinese report and its PDF picks the Chinese fonts.

#include "seekbench/projects/report/report_labels.h"

namespace seekbench::ui {

projects::report::ReportLabels translatedReportLabels();

} // namespace seekbench::ui
