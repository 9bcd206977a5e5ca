#pragma once

// The pieces of the maintenance case report (pdm_case_document.cpp) shared between its two
// source files: figures in the fleet's unit and the report's language, and the sections
// built in pdm_case_sections.cpp.

#include "seekbench/projects/pdm_case.h"
#include "seekbench/projects/report/pdm_case_labels.h"
#include "seekbench/projects/report/report.h"

#include <string>

namespace seekbench::projects::report::pdmparts {

std::string fixed(double v, int decimals);
std::string percent(double share);
std::string word(const PdmCaseLabels::Words &shown, const std::string &stored);
// A failure mode by index into the run's modes, in the report's language.
std::string modeText(const PdmCase &c, const PdmCaseLabels &l, int mode);
// Seconds since 1970 as "2026-03-04 13:20" (UTC).
std::string utcText(double t);
// A moment: "2026-03-04 13:20" (UTC) for a fleet in seconds, "cycle 120" for one in cycles.
std::string timeText(const PdmCase &c, const PdmCaseLabels &l, double t);
// A duration: "18 h", "2.5 days", "35 cycles"; notRecorded for NaN.
std::string durationText(const PdmCase &c, const PdmCaseLabels &l, double d);
// Where the readings and the log were read from, or why they are left out.
std::string fleetSentence(const PdmCase &c, const PdmCaseLabels &l);
// The threshold of mode `mode` in the run; NaN when it has none.
double thresholdOf(const PdmCase &c, int mode);

Section chartsSection(const PdmCase &c, const PdmCaseLabels &l);
Section logSection(const PdmCase &c, const PdmCaseLabels &l);
Section otherAlertsSection(const PdmCase &c, const PdmCaseLabels &l);
Section actionSection(const PdmCase &c, const PdmCaseLabels &l);

} // namespace seekbench::projects::report::pdmparts
