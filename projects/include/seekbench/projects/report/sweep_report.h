#pragma once

// A sweep report (issue 24): the sweep's overview (objective, sampler, pruner, trials by
// state, best value, wall time), its search space, the best trials, the objective by
// trial with the best so far, parallel coordinates, fANOVA parameter importance
// (core/tuning), the space as created and provenance with the commands that reproduce
// it. Read through SweepStore and RunStore; the same Report the run report renders to.

#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_labels.h"

#include <map>
#include <string>

namespace seekbench::projects {
class Project;
}

namespace seekbench::projects::report {

// Parameter importance needs this many complete trials (as the Sweeps mode).
inline constexpr int kSweepImportanceMinTrials = 5;

struct SweepReportRequest
{
    std::string sweepId; // the sweep's id or name
    int topTrials = 10;  // rows of the best-trials table
    std::string title;   // "" : the sweep's name
    std::string notes;
    std::map<std::string, bool> sections; // section id -> shown; an absent id is shown

    bool wants(const std::string &sectionId) const;
};

// Throws ProjectError(BadInput) naming an unknown sweep ("no sweep 'x' in this project")
// or topTrials < 1.
Report buildSweepReport(const Project &project, const SweepReportRequest &request, const ReportLabels &labels = {});

} // namespace seekbench::projects::report
