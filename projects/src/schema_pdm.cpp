// The predictive maintenance scenario's tables (issue 26; docs/pdm-store.md), kept beside
// schema.cpp, which runs them in its migration steps 12 -> 13 and 13 -> 14.

namespace seekbench::projects {

// Issue 26: the predictive maintenance scenario's fleets. A fleet's readings are in its
// fleet file (datasets/fleets/<name>.sbfleet, seekbench/pdm/fleet_file.h), too many for
// rows here (a year of 1,000 machines is half a billion readings); the store records each
// fleet: where it came from, its size, what was refused on import, and the file's SHA-256.
extern const char *const kMigrateTo13;
const char *const kMigrateTo13 = R"(
CREATE TABLE pdm_fleets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
  source TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '', time_unit TEXT NOT NULL,
  machines INTEGER NOT NULL, rows INTEGER NOT NULL, sensors INTEGER NOT NULL,
  failures INTEGER NOT NULL, maintenance INTEGER NOT NULL, bad_lines INTEGER NOT NULL,
  quarantine TEXT NOT NULL DEFAULT '', bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
  created_at REAL NOT NULL, command TEXT NOT NULL DEFAULT '');
)";

// Issue 26: what a predictive maintenance run leaves for its views and reports
// (seekbench/pdm/run_results.h): per run its setting and the policy replay's inputs, per
// machine its health and its score series (float arrays as little-endian BLOBs), and every
// alert of the run's model with its attention and XGBoost explanation.
extern const char *const kMigrateTo14;
const char *const kMigrateTo14 = R"(
CREATE TABLE pdm_runs (run_id TEXT PRIMARY KEY, fleet TEXT NOT NULL, time_unit TEXT NOT NULL,
  step REAL NOT NULL, history INTEGER NOT NULL, horizon REAL NOT NULL, min_lead REAL NOT NULL,
  sensors_json TEXT NOT NULL, modes_json TEXT NOT NULL, thresholds_json TEXT NOT NULL,
  evaluation_json TEXT NOT NULL, replay_json TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE pdm_machines (run_id TEXT NOT NULL, machine INTEGER NOT NULL, name TEXT NOT NULL,
  split TEXT NOT NULL, windows INTEGER NOT NULL, last_time REAL, risk REAL NOT NULL,
  risk_mode INTEGER NOT NULL, rul REAL, peak_risk REAL NOT NULL, alerts INTEGER NOT NULL,
  failures INTEGER NOT NULL, spark BLOB, temporal BLOB, sensor BLOB,
  PRIMARY KEY (run_id, machine)) WITHOUT ROWID;
CREATE TABLE pdm_machine_scores (run_id TEXT NOT NULL, machine INTEGER NOT NULL, time BLOB,
  scores BLOB, rul BLOB, split BLOB, PRIMARY KEY (run_id, machine)) WITHOUT ROWID;
CREATE TABLE pdm_alerts (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, machine INTEGER NOT NULL,
  mode INTEGER NOT NULL, split TEXT NOT NULL, time REAL NOT NULL, last_time REAL NOT NULL,
  score REAL NOT NULL, threshold REAL NOT NULL, failure INTEGER NOT NULL, failure_time REAL,
  lead REAL, window INTEGER NOT NULL, temporal BLOB, sensor BLOB, explanation_json TEXT NOT NULL);
CREATE INDEX pdm_alerts_by_time ON pdm_alerts(run_id, time);
CREATE INDEX pdm_alerts_by_machine ON pdm_alerts(run_id, machine, time);
)";

} // namespace seekbench::projects
