#pragma once

// The maintenance case report's labels (projects/report/pdm_case_labels.h) in the interface
// language: every one through Qt's translator (context "PdmCaseLabels"), the language code
// included, so a zh_CN interface writes a Chinese case report and its PDF picks the Chinese
// fonts; failure modes, sensors and splits as the PdM views show them (PdmText).

#include "seekbench/projects/report/pdm_case_labels.h"

namespace seekbench::ui {

projects::report::PdmCaseLabels translatedPdmCaseLabels();

} // namespace seekbench::ui
