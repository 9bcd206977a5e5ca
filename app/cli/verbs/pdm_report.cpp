// `seekbench-cli pdm report`: a maintenance case report as one HTML file, an alert's or a
// machine's. The case is read by projects (pdm_case.h) and laid out as the same report
// document the desktop writes as HTML or PDF (report/pdm_case_document.h); this file parses
// options and prints what it wrote.

#include "support/errors.h"
#include "support/verb_args.h"
#include "verbs/pdm_verbs.h"

#include "seekbench/projects/pdm_case.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/pdm_case_document.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/text/terminal_text.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <limits>

namespace seekbench::cli {

namespace {

bool endsInHtml(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return ext == ".html" || ext == ".htm";
}

} // namespace

int pdmReportVerb(VerbArgs &o)
{
    const std::string out = o.required("--out", "FILE.html");
    if (!endsInHtml(out))
        throw BadInput("--out '" + terminalText(out)
                       + "': pdm report writes HTML, so the file must end in .html (the desktop also writes PDF)");
    projects::PdmCaseRequest request;
    const bool byMachine = o.get("--machine").has_value();
    if (o.get("--alert") && (byMachine || o.get("--run")))
        throw BadInput("give --alert ID, or --machine NAME (with --run RUN_ID), not both");
    if (o.get("--alert"))
        request.alertId = o.integer("--alert", 0, 1, std::numeric_limits<std::int64_t>::max());
    else if (byMachine)
        request.machineName = *o.get("--machine");
    else
        throw BadInput("give --alert ID, or --machine NAME (with --run RUN_ID)");
    if (byMachine && request.machineName.empty())
        throw BadInput("--machine NAME must not be empty");
    request.runId = o.get("--run").value_or("");
    const projects::Project project = o.project();
    const projects::PdmCase c = projects::loadPdmCase(project, request); // unknown ids: std::invalid_argument
    projects::report::writeReportHtml(out, projects::report::buildPdmCaseReport(c));
    std::fprintf(stderr,
                 "wrote %s: %s of machine %s in run %s (maintenance events: %zu, failures: %zu, readings: %zu)\n",
                 terminalText(out).c_str(),
                 c.alert ? ("the case of alert #" + std::to_string(c.alert->id)).c_str() : "the case",
                 terminalText(c.machine.name).c_str(), terminalText(c.run.runId).c_str(), c.maintenance.size(),
                 c.failures.size(), c.readingTime.size());
    if (c.fleetState != projects::PdmFleetFileState::Read)
        std::fprintf(stderr,
                     "note: the fleet file of '%s' was not read; the report says why and leaves out the "
                     "readings and the maintenance log\n",
                     terminalText(c.run.fleet).c_str());
    std::printf("%s\n", out.c_str());
    return ExitOk;
}

} // namespace seekbench::cli
