#pragma once

// The reports written of a project (issue 24), recorded in its store: what each covers
// (kind, runs, sweep), where it is (a path relative to the project, or absolute for a
// file written outside it), its format and language, and its size and SHA-256 as written,
// so the Reports panel and a run's view list them and tell a file that has since changed
// or gone. Every value reaches SQL through bound parameters.

#include "seekbench/projects/report/report.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::projects::report {

struct ReportRecord
{
    std::int64_t id = 0;
    std::string kind; // run | comparison | sweep | aml_case
    std::string title;
    std::string path;     // relative to the project when inside it, else absolute
    std::string format;   // html | pdf
    std::string language; // en | zh_CN
    std::int64_t bytes = 0;
    std::string sha256;
    double createdAt = 0;
    std::vector<std::string> runIds; // the runs it covers (a sweep's: none)
    std::string sweepId;             // a sweep report's sweep; "" otherwise
    std::string command;             // the command that wrote it; "" from the desktop
};

// What became of a recorded report's file.
enum class ReportFileState { Present, Changed, Missing };

class ReportStore
{
public:
    // `readOnly`: for listing; add() and remove() then fail.
    explicit ReportStore(const Project &project, bool readOnly = false);
    ~ReportStore();
    ReportStore(const ReportStore &) = delete;
    ReportStore &operator=(const ReportStore &) = delete;

    // Records `r` (its id is ignored) and returns its id. A report already recorded at the
    // same path is replaced. Throws ProjectError(ReadOnly) for a write-protected project.
    std::int64_t add(const ReportRecord &r);
    // Newest first.
    std::vector<ReportRecord> reports();
    // The reports that cover `runId`, newest first.
    std::vector<ReportRecord> reportsOfRun(const std::string &runId);
    // Forgets the record (the file is the caller's). False when there was none.
    bool remove(std::int64_t id);
    // The record of the file at `path` (as recorded, or absolute), if any.
    std::optional<ReportRecord> findByPath(const std::string &path);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Records `file`, just written from `doc`: its size and SHA-256 are read back from the
// disk, its format from its extension, its path made relative when it is inside the
// project. Throws ProjectError when the store cannot be written, std::runtime_error
// naming the file when it cannot be read.
ReportRecord recordReportFile(const Project &project, const Report &doc, const std::filesystem::path &file,
                              const std::vector<std::string> &runIds, const std::string &sweepId = {},
                              const std::string &command = {});

// recordReportFile() where a report must be written even when it cannot be recorded (the
// CLI, the renderer): returns "" when recorded, else why not (a project open read-only,
// a store that cannot be written); the report file stays written either way.
std::string tryRecordReportFile(const Project &project, const Report &doc, const std::filesystem::path &file,
                                const std::vector<std::string> &runIds, const std::string &sweepId = {},
                                const std::string &command = {});

// Where the record's file is on this machine, and whether it is as written.
std::filesystem::path reportFilePath(const Project &project, const ReportRecord &r);
ReportFileState reportFileState(const Project &project, const ReportRecord &r);

} // namespace seekbench::projects::report
