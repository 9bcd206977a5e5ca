#pragma once

#include "seekbench/projects/run_record.h"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

enum class ExportFormat { Csv, Json };

// Runs and curves as CSV or JSON, for spreadsheets, notebooks and other trackers.
// Curves are exported at full resolution by default, or decimated (buckets > 0) with
// first/last/min/max/mean/count per bucket.
class RunExporter
{
public:
    explicit RunExporter(const Project &project);

    // One row per run: id, name, status, times, host, tags, then final/best of each metric.
    void writeRuns(std::ostream &out, const std::vector<RunRecord> &runs, ExportFormat format);
    // One curve, or every curve of the run when key is empty.
    void writeCurves(std::ostream &out, const std::string &runId, const std::string &key, ExportFormat format,
                     int buckets = 0, bool includeSuperseded = false);
    // Writes every curve of a run to runs/<id>/exports/curves.<csv|json>, records it as
    // an artifact with its hash, and returns its path.
    std::filesystem::path exportRun(const std::string &runId, ExportFormat format);

    static ExportFormat parseFormat(const std::string &text); // csv | json; ProjectError(BadInput)

private:
    const Project &m_project;
};

} // namespace seekbench::projects
