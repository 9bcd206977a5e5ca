#pragma once

// Builds report documents (report.h) from a project's store: a run report for one run, a
// comparison report for several. Everything is read through RunStore, CurveQuery and
// AmlResultStore; curves come from CurveQuery's decimated tiles (min/max/mean buckets),
// never the raw points, so a long run costs what a plot of it costs.

#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_labels.h"

#include <map>
#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::projects::report {

struct ReportRequest
{
    std::vector<std::string> runIds;
    std::string baselineId; // "" : none for a run report, the first run for a comparison
    std::string title;      // "" : the run's name, or "Comparison of N runs"
    std::string notes;
    std::map<std::string, bool> sections; // section id -> shown; an absent id is shown
    int chartBuckets = 1000;

    bool wants(const std::string &sectionId) const;
};

// One run: a run report; several: a comparison. Throws ProjectError(NotFound) naming an
// unknown run or baseline id, ProjectError(BadInput) for no run or chartBuckets < 1.
Report buildReport(const Project &project, const ReportRequest &request, const ReportLabels &labels = {});
Report buildRunReport(const Project &project, const ReportRequest &request, const ReportLabels &labels = {});
Report buildComparisonReport(const Project &project, const ReportRequest &request, const ReportLabels &labels = {});

} // namespace seekbench::projects::report
