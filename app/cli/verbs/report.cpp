// report: a run report (one run) or a comparison report (several) as one self-contained
// HTML file (issue 24). The document is built by projects/report (report_builder.h) and
// rendered by report_html.h; PDF comes from the desktop application's renderer.

#include "support/errors.h"
#include "support/options.h"
#include "verbs/verbs.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_template.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

namespace seekbench::cli {
namespace {

namespace report = projects::report;

struct ReportArgs
{
    std::optional<std::string> project, baseline, title, notes, templateFile, out;
    std::vector<std::string> runs;
};

std::string extensionOf(const std::filesystem::path &p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

int reportCommand(const ReportArgs &a)
{
    if (a.runs.empty())
        throw BadInput("--runs RUN_ID... is required");
    if (a.out) {
        const std::string ext = extensionOf(*a.out);
        if (ext == ".pdf")
            throw BadInput("PDF reports come from the desktop application's renderer (the next slice of issue 24); "
                           "write HTML here with --out FILE.html");
        if (ext != ".html" && ext != ".htm")
            throw BadInput("--out " + *a.out + ": a report is written as .html");
    }
    report::ReportRequest request;
    request.runIds = a.runs;
    request.baselineId = a.baseline.value_or("");
    request.title = a.title.value_or("");
    request.notes = a.notes.value_or("");
    if (a.templateFile)
        report::loadReportTemplate(*a.templateFile).applyTo(request); // invalid_argument: exit 2

    projects::Project::OpenOptions options;
    options.readOnly = true; // a report reads the store; it never migrates or marks runs
    const projects::Project project = projects::Project::open(a.project.value_or("."), options);
    const report::Report doc = report::buildReport(project, request);
    const std::filesystem::path out = a.out ? std::filesystem::path(*a.out)
                                            : report::defaultReportPath(project, doc, request.runIds);
    report::writeReportHtml(out, doc);
    std::cout << "wrote " << doc.kind << " report " << out.string() << " (" << std::filesystem::file_size(out)
              << " bytes, " << doc.sections.size() << " sections)\n";
    return ExitOk;
}

} // namespace

void registerReportVerbs(CLI::App &root, int &exitCode)
{
    auto a = std::make_shared<ReportArgs>();
    CLI::App *v = root.add_subcommand("report", "a run or comparison report as one self-contained HTML file");
    v->allow_extras();
    addProjectOption(*v, a->project, "the project folder (default: the current folder)");
    v->add_option("--runs", a->runs,
                  "the runs: one for a run report, several for a comparison (--runs A B or --runs A --runs B)")
        ->type_name("RUN_ID")
        ->allow_extra_args(true)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    addOption(*v, "--baseline", a->baseline,
              "the run to compare against: config diff and metric deltas (default for a comparison: the first run)")
        ->type_name("RUN_ID");
    addOption(*v, "--title", a->title, "the report's title (default: the run's name)")->type_name("TEXT");
    addOption(*v, "--notes", a->notes, "free text shown under the title")->type_name("TEXT");
    addOption(*v, "--template", a->templateFile,
              "a report template (YAML: title, notes, baseline, buckets, sections: {curves: true, ...}); the "
              "options given here win over it")
        ->type_name("FILE");
    addOption(*v, "--out", a->out, "the HTML file (default: reports/<kind>-<run>-<time>.html in the project)")
        ->type_name("FILE.html");
    describe(*v, "seekbench-cli report --project DIR --runs RUN_A RUN_B --baseline RUN_A --out compare.html");
    v->callback([v, a, &exitCode] {
        rejectExtras(*v);
        exitCode = reportCommand(*a);
    });
}

} // namespace seekbench::cli
