#pragma once

// What the `seekbench-cli aml` verbs share (aml_commands.cpp); the case report is in
// aml_report.cpp.

#include "commands.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"

#include <exception>
#include <string>
#include <vector>

namespace seekbench::cli::aml_cli {

// Prints "seekbench-cli aml VERB: msg" and returns `code`.
int fail(const char *verb, const std::string &msg, int code = ExitBadInput);
// A numeric option, or `fallback` when absent; throws std::invalid_argument naming it.
double number(const Options &o, const char *key, double fallback);
projects::Project openProject(const Options &o);

// Runs a verb's body (returning its exit code); what it throws is printed as fail() does,
// with the exit code of a ProjectError, or `otherCode` for any other exception.
template<typename Body>
int guarded(const char *verb, Body &&body, int otherCode = ExitBadInput)
{
    try {
        return body();
    } catch (const projects::ProjectError &e) {
        return fail(verb, e.what(), e.exitCode());
    } catch (const std::exception &e) {
        return fail(verb, e.what(), otherCode);
    }
}

int amlReport(const std::vector<std::string> &args);

} // namespace seekbench::cli::aml_cli
