#pragma once

// What the `seekbench-cli aml` verbs share (aml_commands.cpp); the case report is in
// aml_report.cpp.

#include "commands.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace seekbench::cli::aml_cli {

// Prints "seekbench-cli aml VERB: msg" and returns `code`.
int fail(const char *verb, const std::string &msg, int code = ExitBadInput);
// A numeric option, or `fallback` when absent; throws std::invalid_argument naming it.
double number(const Options &o, const char *key, double fallback);
projects::Project openProject(const Options &o);
std::string fmt(const char *f, double v);
nlohmann::json traceJson(projects::TransactionStore &store, const projects::TraceResult &r);

int amlReport(const std::vector<std::string> &args);

} // namespace seekbench::cli::aml_cli
