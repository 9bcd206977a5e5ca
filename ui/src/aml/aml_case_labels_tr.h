#pragma once

// The AML case report's labels (projects/report/aml_case_labels.h) in the interface
// language: every one through Qt's translator (context "AmlCaseLabels"), the language code
// included, so a zh_CN interface writes a Chinese case report and its PDF picks the Chinese
// fonts; severities, statuses, models and reasons as the case view shows them (AmlText).

#include "seekbench/projects/report/aml_case_labels.h"

namespace seekbench::ui {

projects::report::AmlCaseLabels translatedAmlCaseLabels();

} // namespace seekbench::ui
