#include "seekbench/projects/schema.h"

#include "seekbench/projects/project_error.h"
#include "sql.h"
#include "tiles.h"

#include <array>
#include <cstdint>
#include <fstream>
#include <vector>

namespace seekbench::projects {

extern const char *const kMigrateTo13; // schema_pdm.cpp
extern const char *const kMigrateTo14;
extern const char *const kMigrateTo15; // schema_kg.cpp

namespace {

// Version 1, as first released. Kept verbatim: migrations start from it.
const char *kSchemaV1 = R"(
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at REAL NOT NULL,
  started_at REAL,
  ended_at REAL,
  host TEXT NOT NULL DEFAULT '',
  pid INTEGER NOT NULL DEFAULT 0,
  launcher TEXT NOT NULL DEFAULT '',
  config_yaml TEXT NOT NULL DEFAULT '',
  config_hash TEXT NOT NULL DEFAULT '',
  parent_id TEXT,
  parent_kind TEXT,
  notes TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_status ON runs(status);
CREATE INDEX runs_by_created ON runs(created_at);
CREATE TABLE run_tags (run_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (run_id, tag)) WITHOUT ROWID;
CREATE INDEX run_tags_by_tag ON run_tags(tag);
CREATE TABLE run_params (run_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, num REAL,
  PRIMARY KEY (run_id, key)) WITHOUT ROWID;
CREATE INDEX run_params_by_num ON run_params(key, num);
CREATE INDEX run_params_by_text ON run_params(key, value);
CREATE TABLE curves (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, key TEXT NOT NULL,
  rank INTEGER NOT NULL DEFAULT 0, UNIQUE (run_id, key, rank));
CREATE TABLE metrics (curve_id INTEGER NOT NULL, step INTEGER NOT NULL, wall_time REAL NOT NULL,
  value REAL, PRIMARY KEY (curve_id, step)) WITHOUT ROWID;
CREATE TABLE system_samples (run_id TEXT NOT NULL, rank INTEGER NOT NULL, wall_time REAL NOT NULL,
  rss_bytes REAL, cpu_percent REAL, cuda_allocated REAL, cuda_reserved REAL, cuda_peak REAL,
  gpu_json TEXT, PRIMARY KEY (run_id, rank, wall_time)) WITHOUT ROWID;
CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, rank INTEGER NOT NULL DEFAULT 0,
  step INTEGER NOT NULL DEFAULT 0, wall_time REAL NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX events_by_run ON events(run_id, kind);
CREATE TABLE logs (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, wall_time REAL NOT NULL,
  level TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX logs_by_run ON logs(run_id);
CREATE TABLE artifacts (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, kind TEXT NOT NULL,
  path TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, step INTEGER,
  created_at REAL NOT NULL, UNIQUE (run_id, path));
PRAGMA user_version = 1;
)";

const char *kMigrateTo2 = R"(
CREATE TABLE tiles (curve_id INTEGER NOT NULL, level INTEGER NOT NULL, block INTEGER NOT NULL,
  first_step INTEGER NOT NULL, first_value REAL, first_time REAL NOT NULL,
  last_step INTEGER NOT NULL, last_value REAL, last_time REAL NOT NULL,
  vmin REAL, vmax REAL, vsum REAL NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (curve_id, level, block)) WITHOUT ROWID;
ALTER TABLE curves ADD COLUMN min_step INTEGER;
ALTER TABLE curves ADD COLUMN max_step INTEGER;
ALTER TABLE curves ADD COLUMN points INTEGER NOT NULL DEFAULT 0;
CREATE TABLE run_summary (run_id TEXT NOT NULL, key TEXT NOT NULL,
  final_value REAL, final_step INTEGER, best_value REAL, best_step INTEGER,
  PRIMARY KEY (run_id, key)) WITHOUT ROWID;
CREATE INDEX run_summary_by_final ON run_summary(key, final_value);
)";

const char *kMigrateTo3 = R"(
CREATE TABLE metrics_v3 (curve_id INTEGER NOT NULL, step INTEGER NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1, wall_time REAL NOT NULL, value REAL,
  superseded INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (curve_id, step, attempt)) WITHOUT ROWID;
INSERT INTO metrics_v3(curve_id, step, attempt, wall_time, value, superseded)
  SELECT curve_id, step, 1, wall_time, value, 0 FROM metrics;
DROP TABLE metrics;
ALTER TABLE metrics_v3 RENAME TO metrics;
ALTER TABLE runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
ALTER TABLE runs ADD COLUMN heartbeat_at REAL;
ALTER TABLE runs ADD COLUMN heartbeat_interval REAL NOT NULL DEFAULT 5;
ALTER TABLE runs ADD COLUMN pid_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN store_mode TEXT NOT NULL DEFAULT 'local';
UPDATE runs SET heartbeat_at = coalesce(ended_at, started_at, created_at);
CREATE TABLE run_attempts (run_id TEXT NOT NULL, attempt INTEGER NOT NULL,
  started_at REAL NOT NULL, resumed_from_step INTEGER, host TEXT NOT NULL DEFAULT '',
  pid INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, attempt)) WITHOUT ROWID;
INSERT INTO run_attempts(run_id, attempt, started_at, host, pid)
  SELECT id, 1, coalesce(started_at, created_at), host, pid FROM runs;
ALTER TABLE events ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN origin TEXT;
ALTER TABLE events ADD COLUMN ordinal INTEGER;
CREATE UNIQUE INDEX events_by_origin ON events(origin, ordinal);
CREATE TABLE segment_imports (segment TEXT PRIMARY KEY, run_id TEXT NOT NULL,
  offset INTEGER NOT NULL, records INTEGER NOT NULL, imported_at REAL NOT NULL);
)";

// Distributed and cluster runs: how many ranks write the run, and for a scheduler job
// (Slurm) its id, its last known state and when that was seen. A run with a job id is
// followed through its scheduler, not through the pid of the process that submitted it.
const char *kMigrateTo4 = R"(
ALTER TABLE runs ADD COLUMN ranks INTEGER NOT NULL DEFAULT 1;
ALTER TABLE runs ADD COLUMN scheduler TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN job_id TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN job_state TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN job_state_at REAL;
CREATE INDEX runs_by_job ON runs(scheduler, job_id);
)";

// Version 5: the anti-money-laundering scenario (issue 9). Transactions with the indexes
// fund-chain tracing needs ((sender, ts, amount, receiver) forward, (receiver, ts,
// amount, sender) backward), accounts, CSV imports, and per run: scores, thresholds,
// curves, evaluations and alerts. The layout is documented in docs/aml-store.md.
const char *kMigrateTo5 = R"(
CREATE TABLE aml_accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
  business INTEGER NOT NULL DEFAULT 0, country TEXT NOT NULL DEFAULT '',
  label INTEGER, mule INTEGER NOT NULL DEFAULT 0);
CREATE TABLE aml_transactions (id INTEGER PRIMARY KEY, ts REAL NOT NULL,
  sender INTEGER NOT NULL REFERENCES aml_accounts(id), receiver INTEGER NOT NULL REFERENCES aml_accounts(id),
  amount REAL NOT NULL, currency TEXT NOT NULL, channel TEXT NOT NULL DEFAULT 'wire',
  label INTEGER, typology TEXT NOT NULL DEFAULT '', pattern INTEGER, import_id INTEGER);
CREATE INDEX aml_tx_forward ON aml_transactions(sender, ts, amount, receiver);
CREATE INDEX aml_tx_backward ON aml_transactions(receiver, ts, amount, sender);
CREATE INDEX aml_tx_by_time ON aml_transactions(ts);
CREATE TABLE aml_imports (id INTEGER PRIMARY KEY, source TEXT NOT NULL, imported_at REAL NOT NULL,
  rows_ok INTEGER NOT NULL, rows_bad INTEGER NOT NULL, quarantine TEXT NOT NULL DEFAULT '',
  details_json TEXT NOT NULL DEFAULT '{}');
CREATE TABLE aml_scores (run_id TEXT NOT NULL, model TEXT NOT NULL, tx_id INTEGER NOT NULL,
  score REAL NOT NULL, PRIMARY KEY (run_id, model, tx_id)) WITHOUT ROWID;
CREATE TABLE aml_account_scores (run_id TEXT NOT NULL, model TEXT NOT NULL, account_id INTEGER NOT NULL,
  score REAL NOT NULL, PRIMARY KEY (run_id, model, account_id)) WITHOUT ROWID;
CREATE TABLE aml_evaluations (run_id TEXT NOT NULL, model TEXT NOT NULL, typology TEXT NOT NULL,
  rows INTEGER NOT NULL, positives INTEGER NOT NULL, pr_auc REAL, roc_auc REAL, recall_at_fpr REAL,
  fpr_target REAL NOT NULL, PRIMARY KEY (run_id, model, typology)) WITHOUT ROWID;
CREATE TABLE aml_curves (run_id TEXT NOT NULL, model TEXT NOT NULL, points_json TEXT NOT NULL,
  PRIMARY KEY (run_id, model)) WITHOUT ROWID;
CREATE TABLE aml_thresholds (run_id TEXT NOT NULL, model TEXT NOT NULL, threshold REAL NOT NULL,
  capacity_per_day REAL NOT NULL, cost_missed REAL NOT NULL, cost_false_alert REAL NOT NULL,
  alerts_per_day REAL NOT NULL, precision REAL, recall REAL, fpr REAL, precision_at_capacity REAL,
  expected_cost REAL, capacity_bound INTEGER NOT NULL DEFAULT 0, days REAL NOT NULL, chosen_at REAL NOT NULL,
  PRIMARY KEY (run_id, model)) WITHOUT ROWID;
CREATE TABLE aml_alerts (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, model TEXT NOT NULL,
  tx_id INTEGER NOT NULL, account_id INTEGER NOT NULL, score REAL NOT NULL, threshold REAL NOT NULL,
  severity TEXT NOT NULL, reasons_json TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open',
  notes TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL, UNIQUE (run_id, model, tx_id));
CREATE INDEX aml_alerts_by_account ON aml_alerts(account_id, score);
)";

// The analyst's workflow (issue 10): statuses new, reviewing, escalated, dismissed ('open'
// becomes 'new'), when the analyst last changed an alert, and an index for the timeline
// (alerts of one run and model by time, through their transaction).
const char *kMigrateTo6 = R"(
UPDATE aml_alerts SET status = 'new' WHERE status = 'open';
ALTER TABLE aml_alerts ADD COLUMN updated_at REAL;
CREATE INDEX aml_alerts_by_run ON aml_alerts(run_id, model, score);
)";

// The analyst's work belongs to (run, model, transaction), not to one set of alerts
// (issue 20): a threshold change re-creates the alerts, and a transaction that drops below
// the threshold and comes back finds its status and notes again. The work moves from
// aml_alerts to aml_alert_reviews (only alerts the analyst touched: a status other than
// 'new', notes, or a time of change), and aml_alerts is rebuilt without those columns.
const char *kMigrateTo7 = R"(
CREATE TABLE aml_alert_reviews (run_id TEXT NOT NULL, model TEXT NOT NULL, tx_id INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'new', notes TEXT NOT NULL DEFAULT '', updated_at REAL,
  PRIMARY KEY (run_id, model, tx_id)) WITHOUT ROWID;
INSERT INTO aml_alert_reviews(run_id, model, tx_id, status, notes, updated_at)
  SELECT run_id, model, tx_id, status, notes, updated_at FROM aml_alerts
  WHERE status <> 'new' OR notes <> '' OR updated_at IS NOT NULL;
CREATE TABLE aml_alerts_v7 (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, model TEXT NOT NULL,
  tx_id INTEGER NOT NULL, account_id INTEGER NOT NULL, score REAL NOT NULL, threshold REAL NOT NULL,
  severity TEXT NOT NULL, reasons_json TEXT NOT NULL, created_at REAL NOT NULL, UNIQUE (run_id, model, tx_id));
INSERT INTO aml_alerts_v7(id, run_id, model, tx_id, account_id, score, threshold, severity, reasons_json, created_at)
  SELECT id, run_id, model, tx_id, account_id, score, threshold, severity, reasons_json, created_at FROM aml_alerts;
DROP TABLE aml_alerts;
ALTER TABLE aml_alerts_v7 RENAME TO aml_alerts;
CREATE INDEX aml_alerts_by_account ON aml_alerts(account_id, score);
CREATE INDEX aml_alerts_by_run ON aml_alerts(run_id, model, score);
)";

// Issue 19: a run's operating curve on its validation months is kept beside the test
// months' one (the threshold is chosen, and dragged, on the validation months), each with
// the days it spans. Curves stored before are the test months', with the test days of the
// run's threshold row.
const char *kMigrateTo8 = R"(
CREATE TABLE aml_curves_v8 (run_id TEXT NOT NULL, model TEXT NOT NULL, split TEXT NOT NULL,
  days REAL NOT NULL DEFAULT 0, points_json TEXT NOT NULL, PRIMARY KEY (run_id, model, split)) WITHOUT ROWID;
INSERT INTO aml_curves_v8(run_id, model, split, days, points_json)
  SELECT c.run_id, c.model, 'test', coalesce(t.days, 0), c.points_json FROM aml_curves c
  LEFT JOIN aml_thresholds t ON t.run_id = c.run_id AND t.model = c.model;
DROP TABLE aml_curves;
ALTER TABLE aml_curves_v8 RENAME TO aml_curves;
)";

// Issue 21: a run keeps one colour everywhere (runs table, every chart, the compare
// table, reports) and across sessions: its place in the order runs were created, kept in
// the store so that deleting a run never recolours the others. Existing runs are
// numbered by creation time.
const char *kMigrateTo9 = R"(
ALTER TABLE runs ADD COLUMN color INTEGER NOT NULL DEFAULT 0;
UPDATE runs SET color = (SELECT count(*) FROM runs o WHERE o.created_at < runs.created_at
  OR (o.created_at = runs.created_at AND o.id < runs.id));
)";

// Issue 22: sweeps. A sweep is its search space (the YAML as created, so a later edit of
// sweeps/<name>.yaml never changes a running sweep) and its trials; a trial that runs is a
// run of the project (run_id). The trials are the sampler's whole state: a sweep killed
// at any point resumes from them. Intermediate values are the objective metric as the
// driver saw it, also for trials told from outside (`sweep ask`/`tell`).
const char *kMigrateTo10 = R"(
CREATE TABLE sweeps (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, space_yaml TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'active', created_at REAL NOT NULL, driver_pid INTEGER,
  driver_start INTEGER, driver_host TEXT) WITHOUT ROWID;
CREATE TABLE sweep_trials (sweep_id TEXT NOT NULL, number INTEGER NOT NULL, params_json TEXT NOT NULL,
  state TEXT NOT NULL, value REAL, cost REAL, reason TEXT NOT NULL DEFAULT '', run_id TEXT,
  created_at REAL NOT NULL, finished_at REAL, PRIMARY KEY (sweep_id, number)) WITHOUT ROWID;
CREATE INDEX sweep_trials_run ON sweep_trials(run_id);
CREATE TABLE sweep_intermediate (sweep_id TEXT NOT NULL, number INTEGER NOT NULL, step INTEGER NOT NULL,
  value REAL NOT NULL, PRIMARY KEY (sweep_id, number, step)) WITHOUT ROWID;
)";

// An artifact says what made it: an exported model's format and the command that wrote it.
const char *kMigrateTo11 = R"(
ALTER TABLE artifacts ADD COLUMN format TEXT NOT NULL DEFAULT '';
ALTER TABLE artifacts ADD COLUMN command TEXT NOT NULL DEFAULT '';
)";

// Issue 24: the reports written of the project (run, comparison, sweep and AML case
// reports, HTML or PDF), each with what it covers, so the Reports panel and a run's view
// list them and notice a file changed or gone. A file is recorded once: writing the same
// path again replaces its row.
const char *kMigrateTo12 = R"(
CREATE TABLE reports (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE, format TEXT NOT NULL, language TEXT NOT NULL, bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL, created_at REAL NOT NULL, sweep_id TEXT NOT NULL DEFAULT '',
  command TEXT NOT NULL DEFAULT '');
CREATE TABLE report_runs (report_id INTEGER NOT NULL, run_id TEXT NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (report_id, run_id)) WITHOUT ROWID;
CREATE INDEX report_runs_by_run ON report_runs(run_id);
)";

std::vector<std::int64_t> allCurves(sql::Database &db)
{
    std::vector<std::int64_t> ids;
    auto st = db.prepare("SELECT id FROM curves ORDER BY id");
    while (st.step())
        ids.push_back(st.int64(0));
    return ids;
}

// One forward step, from `from` to from + 1, inside the caller's transaction.
void migrateStep(sql::Database &db, int from)
{
    switch (from) {
    case 1:
        db.exec(kMigrateTo2);
        for (auto id : allCurves(db))
            tiles::rebuildCurve(db, id, 0, /*hasAttempts=*/false);
        // Schema 1 kept no summary; rebuild final values from the curves of rank 0. Best
        // values are left to the next writer: the direction of a key was not recorded.
        db.exec(R"(INSERT OR REPLACE INTO run_summary(run_id, key, final_value, final_step)
                   SELECT c.run_id, c.key, m.value, m.step FROM curves c
                   JOIN metrics m ON m.curve_id = c.id AND m.step = c.max_step
                   WHERE c.rank = 0)");
        db.exec("PRAGMA user_version = 2");
        break;
    case 2:
        db.exec(kMigrateTo3);
        db.exec("PRAGMA user_version = 3");
        break;
    case 3:
        db.exec(kMigrateTo4);
        db.exec("PRAGMA user_version = 4");
        break;
    case 4:
        db.exec(kMigrateTo5);
        db.exec("PRAGMA user_version = 5");
        break;
    case 5:
        db.exec(kMigrateTo6);
        db.exec("PRAGMA user_version = 6");
        break;
    case 6:
        db.exec(kMigrateTo7);
        db.exec("PRAGMA user_version = 7");
        break;
    case 7:
        db.exec(kMigrateTo8);
        db.exec("PRAGMA user_version = 8");
        break;
    case 8:
        db.exec(kMigrateTo9);
        db.exec("PRAGMA user_version = 9");
        break;
    case 9:
        db.exec(kMigrateTo10);
        db.exec("PRAGMA user_version = 10");
        break;
    case 10:
        db.exec(kMigrateTo11);
        db.exec("PRAGMA user_version = 11");
        break;
    case 11:
        db.exec(kMigrateTo12);
        db.exec("PRAGMA user_version = 12");
        break;
    case 12:
        db.exec(kMigrateTo13);
        db.exec("PRAGMA user_version = 13");
        break;
    case 13:
        db.exec(kMigrateTo14);
        db.exec("PRAGMA user_version = 14");
        break;
    case 14:
        db.exec(kMigrateTo15);
        db.exec("PRAGMA user_version = 15");
        break;
    default:
        throw ProjectError(ProjectError::Kind::DamagedDatabase,
                           "no migration from schema version " + std::to_string(from) + " (database " + db.path() + ")");
    }
}

} // namespace

void Schema::createDatabaseAtVersion(const std::filesystem::path &dbFile, int version)
{
    if (version < 1 || version > kLatest)
        throw ProjectError(ProjectError::Kind::BadInput, "no schema version " + std::to_string(version));
    sql::Database db(dbFile.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode=DELETE");
    sql::WriteTransaction tx(db);
    db.exec(kSchemaV1);
    for (int v = 1; v < version; ++v)
        migrateStep(db, v);
    tx.commit();
}

int Schema::migrateFile(const std::filesystem::path &dbFile, int target)
{
    sql::Database db(dbFile.string(), SQLITE_OPEN_READWRITE);
    db.setBusyTimeout(15000);
    const int found = db.userVersion();
    if (found > kLatest)
        throw ProjectError(ProjectError::Kind::NewerSchema,
                           "the database " + dbFile.string() + " has schema version " + std::to_string(found)
                               + ", newer than this build knows (" + std::to_string(kLatest)
                               + "); open it with a newer Seekbench");
    if (found < 1)
        throw ProjectError(ProjectError::Kind::DamagedDatabase,
                           "the database " + dbFile.string() + " has no Seekbench schema (user_version 0)");
    if (target > kLatest || target < 1)
        throw ProjectError(ProjectError::Kind::BadInput, "no schema version " + std::to_string(target));
    if (found >= target)
        return found;
    // All steps in one transaction: a crash mid-way leaves the old version intact.
    sql::WriteTransaction tx(db);
    const int again = db.userVersion(); // another process may have migrated meanwhile
    for (int v = again; v < target; ++v)
        migrateStep(db, v);
    tx.commit();
    return found;
}

int Schema::versionInHeader(const std::filesystem::path &dbFile)
{
    std::ifstream in(dbFile, std::ios::binary);
    std::array<unsigned char, 100> header{};
    if (!in.read(reinterpret_cast<char *>(header.data()), header.size()))
        return -1;
    static const char magic[] = "SQLite format 3";
    for (int i = 0; i < 16; ++i)
        if (header[static_cast<std::size_t>(i)] != static_cast<unsigned char>(magic[i]))
            return -1;
    return (header[60] << 24) | (header[61] << 16) | (header[62] << 8) | header[63];
}

} // namespace seekbench::projects
