#pragma once

// Where a report's numbers came from: this build (version, git commit), the machine that
// wrote the report, and per run the environment its trainer recorded in its start event
// (LibTorch, host, threads, data fingerprint, seed), its newest checkpoint's hash and the
// command that reproduces it.

#include "seekbench/projects/report/report.h"
#include "seekbench/projects/report/report_labels.h"
#include "seekbench/projects/run_record.h"

#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
class RunStore;
} // namespace seekbench::projects

namespace seekbench::projects::report {

// This build and the machine writing the report, now (UTC): the provenance every report
// starts from, runs not yet added.
Provenance thisBuildProvenance();
// A case report's (AML, maintenance): this build and the one run the case came from, if any.
Provenance caseProvenance(const std::string &runId, const std::string &runName);
// A case report's provenance rows about the build: version (commit), Qt, when and where
// written, in each case document's own labels.
std::vector<KeyValue> buildRows(const Provenance &p, const std::string &versionLabel, const std::string &qtLabel,
                                const std::string &noQt, const std::string &generatedAtLabel,
                                const std::string &generatedOnLabel);
Provenance reportProvenance(const Project &project, RunStore &store, const std::vector<RunRecord> &runs,
                            const ReportLabels &labels);
// `seekbench-cli train --config <project>/runs/<id>/config.yaml --project <project>`, shell-quoted.
std::string reproduceCommand(const Project &project, const std::string &runId);
// A word as a POSIX shell reads it back: as is when plain, else in single quotes.
std::string shellQuote(const std::string &word);
// The provenance section: this build, then one block per run (with its config snapshot
// when `attachConfig`).
Section provenanceSection(const Provenance &p, const ReportLabels &labels, bool attachConfig);

} // namespace seekbench::projects::report
