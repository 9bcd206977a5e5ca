#pragma once

#include "seekbench/projects/run_filter.h"
#include "seekbench/projects/run_record.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

// The runs of a project: create, resume, finish, tag, annotate, delete, list. Each
// RunStore owns one SQLite connection; use one per thread. Reads are single statements,
// so no read transaction outlives a call (WAL checkpoints are never starved).
class RunStore
{
public:
    explicit RunStore(const Project &project);
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    // Creates the run row, its params, tags and runs/<id>/ with config.yaml. Returns the id.
    std::string createRun(const NewRun &run);
    // A clone: a new queued run with the same config and `parentId` as its parent.
    std::string cloneRun(const std::string &parentId, const std::string &name);
    // A resume: same id, attempt + 1, status running, this process as writer. Points of
    // earlier attempts after `checkpointStep` are superseded (kept, hidden by default);
    // -1 supersedes them all (no checkpoint). Returns the new attempt number.
    int beginAttempt(const std::string &runId, std::int64_t checkpointStep,
                     const std::optional<ProcessIdentity> &process = std::nullopt);
    // Records the end: status, message, the trainer's final and best metrics.
    void finishRun(const std::string &runId, RunStatus status, const std::string &message,
                   const std::map<std::string, double> &finalMetrics = {},
                   const std::map<std::string, double> &bestMetrics = {});
    // Final figures computed after the run's end (its held-out test split's test/*, scored
    // by `inspect evaluate`): added to or replacing those of its summary, status untouched.
    void addFinalMetrics(const std::string &runId, const std::map<std::string, double> &metrics, std::int64_t step);
    void setStatus(const std::string &runId, RunStatus status, const std::string &message = {});
    void heartbeat(const std::string &runId);
    // Records which process writes the run now (a launcher created the row, the trainer
    // process writes it): stale detection checks this process.
    void setWriter(const std::string &runId, const std::optional<ProcessIdentity> &process = std::nullopt);

    // Distributed runs: how many ranks write the run.
    void setRanks(const std::string &runId, int ranks);
    // A scheduler's job for the run (scheduler "slurm"): its id and state. A run with a
    // job id is never marked stale by markStaleRuns: its scheduler says whether it lives.
    void setJob(const std::string &runId, const std::string &scheduler, const std::string &jobId,
                const std::string &state);
    void setJobState(const std::string &runId, const std::string &state);

    // A tag is one line of printable text: empty or with a control character (a newline,
    // an escape) is bad input naming it.
    void addTag(const std::string &runId, const std::string &tag);
    void removeTag(const std::string &runId, const std::string &tag);
    void setNotes(const std::string &runId, const std::string &notes);
    void appendNote(const std::string &runId, const std::string &note);
    // Renames a run. Names are 1-200 characters without control characters (BadInput
    // naming the problem otherwise); they need not be unique.
    void setName(const std::string &runId, const std::string &name);
    // The attempts of a run in order: the first, then one per resume.
    std::vector<AttemptRecord> attempts(const std::string &runId);
    // System samples of a run with wall time after `afterWallTime`, oldest first, at most
    // `limit` (the most recent ones when there are more).
    std::vector<SystemSampleRecord> systemSamples(const std::string &runId, double afterWallTime = 0,
                                                  std::size_t limit = 100000);
    // Deletes the rows of the run and its folder. A live running run (RunControl::isLive)
    // is refused.
    void deleteRun(const std::string &runId);

    void addLog(const std::string &runId, const std::string &level, const std::string &message);
    // Records a file inside the project with its SHA-256 (re-recording updates the hash).
    ArtifactRecord addArtifact(const std::string &runId, const std::string &kind, const std::string &relativePath,
                               std::optional<std::int64_t> step = std::nullopt, const std::string &format = {},
                               const std::string &command = {});

    std::optional<RunRecord> findRun(const std::string &runId);
    RunRecord run(const std::string &runId); // throws ProjectError(NotFound)
    std::vector<RunRecord> listRuns(const RunFilter &filter = {});
    std::size_t countRuns();
    std::vector<CurveInfo> curves(const std::string &runId);
    std::vector<EventRecord> events(const std::string &runId, const std::string &kind = {});
    std::vector<ArtifactRecord> artifacts(const std::string &runId);

    // Marks crashed every running run whose writer is Gone by RunControl's rule (runs of a
    // scheduler's job excepted): on this host, its pid is dead or now belongs to another
    // process (start time differs); elsewhere, its heartbeat is more than three intervals
    // old. Live runs are left alone. Returns the ids marked.
    std::vector<std::string> markStaleRuns();

    static std::string newRunId();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
