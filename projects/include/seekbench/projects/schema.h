#pragma once

#include <filesystem>

namespace seekbench::projects {

// The store's schema and its forward migrations, versioned with PRAGMA user_version.
//   1: runs, tags, params, curves, metrics (curve, step), samples, events, logs, artifacts
//   2: pre-aggregated tiles per curve, per-curve stats, a summary of final/best metrics
//   3: resume attempts (metrics keyed by attempt, superseded points), heartbeats with the
//      process start time, idempotent segment imports
//   4: distributed and cluster runs: ranks, scheduler, job id, job state
//   5: the AML scenario: transactions, accounts, imports, scores, evaluations, curves,
//      thresholds and alerts (docs/aml-store.md)
//   6: the analyst's workflow on alerts: statuses new/reviewing/escalated/dismissed, time of change
//   7: the analyst's status and notes per (run, model, transaction) in aml_alert_reviews, kept
//      across thresholds
//   8-12: AML curves on validation months, sweeps, artifacts' formats and commands,
//      reports (issues 19-24)
//   13: the predictive maintenance scenario's fleets (pdm_fleets)
//   14: the predictive maintenance scenario's run results (docs/pdm-store.md)
//   15: the medical knowledge graph scenario's graphs (kg_*, docs/kg-store.md)
// A migration only ever moves forward, inside one transaction, after a copy of the
// database was set aside (seekbench.db.before-v<N>).
class Schema
{
public:
    static constexpr int kLatest = 15;

    // Creates a database file with the schema of exactly `version` (1..kLatest), as that
    // version of Seekbench would have. Used by create() and by the migration tests.
    static void createDatabaseAtVersion(const std::filesystem::path &dbFile, int version);
    // Migrates a database file to `target` (kLatest by default; the tests stop earlier
    // to build databases as each version left them). Returns the version it had. Throws
    // ProjectError(NewerSchema) for a version above kLatest.
    static int migrateFile(const std::filesystem::path &dbFile, int target = kLatest);
    // The version stored in a database file, read without SQLite from the file header
    // (offset 60), so a damaged or foreign file is never opened for writing.
    static int versionInHeader(const std::filesystem::path &dbFile);
};

} // namespace seekbench::projects
