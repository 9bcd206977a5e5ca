// report: a run report (one run), a comparison report (several) or a sweep report
// (--sweep) as one self-contained HTML file or a PDF (issue 24). The document is built by projects/report
// (report_builder.h) and rendered by report_html.h here; a PDF, or a report in Chinese,
// is handed to seekbench-report (report_renderer.h), the desktop package's Qt renderer,
// with the request resolved here.

#include "support/errors.h"
#include "support/options.h"
#include "verbs/verbs.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/provenance.h"
#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/report/report_renderer.h"
#include "seekbench/projects/report/report_store.h"
#include "seekbench/projects/report/report_template.h"
#include "seekbench/projects/report/sweep_report.h"

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
    std::optional<std::string> project, baseline, title, notes, templateFile, out, paper, language, logo, sweep;
    std::optional<int> top;
    std::vector<std::string> runs;
};

std::string extensionOf(const std::filesystem::path &p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

// The command that writes this report again, for its record in the project.
std::string commandLine(const ReportArgs &a, const std::filesystem::path &out)
{
    using report::shellQuote;
    std::string c = "seekbench-cli report --project " + shellQuote(a.project.value_or("."));
    if (a.sweep)
        c += " --sweep " + shellQuote(*a.sweep);
    if (!a.runs.empty()) {
        c += " --runs";
        for (const auto &id : a.runs)
            c += " " + shellQuote(id);
    }
    const auto add = [&c](const char *name, const std::optional<std::string> &value) {
        if (value)
            c += std::string(" ") + name + " " + shellQuote(*value);
    };
    add("--baseline", a.baseline);
    add("--title", a.title);
    add("--notes", a.notes);
    add("--template", a.templateFile);
    if (a.top)
        c += " --top " + std::to_string(*a.top);
    add("--paper", a.paper);
    add("--language", a.language);
    add("--logo", a.logo);
    return c + " --out " + shellQuote(out.string());
}

int reportCommand(const ReportArgs &a)
{
    if (a.sweep && !a.runs.empty())
        throw BadInput("--sweep and --runs are exclusive: a report is of one sweep or of runs");
    if (!a.sweep && a.runs.empty())
        throw BadInput("--runs RUN_ID... or --sweep SWEEP_ID is required");
    if (a.sweep && a.baseline)
        throw BadInput("--baseline: a sweep report has no baseline (it is for run reports)");
    if (a.top && !a.sweep)
        throw BadInput("--top: only a sweep report (--sweep) lists best trials");
    if (a.top && *a.top < 1)
        throw BadInput("--top " + std::to_string(*a.top) + ": at least 1");
    const std::string ext = a.out ? extensionOf(*a.out) : std::string(".html");
    if (ext != ".html" && ext != ".htm" && ext != ".pdf")
        throw BadInput("--out " + *a.out + ": a report is written as .html or .pdf");
    const std::string paper = a.paper.value_or("a4");
    if (paper != "a4" && paper != "letter")
        throw BadInput("--paper " + paper + ": a4 or letter");
    const std::string language = a.language.value_or("en");
    if (language != "en" && language != "zh_CN")
        throw BadInput("--language " + language + ": en or zh_CN");
    if (a.logo && ext != ".pdf")
        throw BadInput("--logo: only a PDF report carries a logo");
    report::ReportRequest request;
    request.runIds = a.runs;
    request.baselineId = a.baseline.value_or("");
    request.title = a.title.value_or("");
    request.notes = a.notes.value_or("");
    if (a.templateFile)
        report::loadReportTemplate(*a.templateFile).applyTo(request); // invalid_argument: exit 2

    projects::Project::OpenOptions options;
    // A report reads the store and records itself in it (report_store.h): an older store is
    // migrated, as any writer does; runs are never marked stale from here. A project that
    // cannot be written is read, and the report written unrecorded.
    options.markStaleRuns = false;
    const projects::Project project = projects::Project::open(a.project.value_or("."), options);
    report::SweepReportRequest sweep;
    if (a.sweep) {
        sweep.sweepId = *a.sweep;
        sweep.topTrials = a.top.value_or(10);
        sweep.title = request.title;
        sweep.notes = request.notes;
        sweep.sections = request.sections;
    }
    // Checks the ids, names a bad one (exit 2).
    const report::Report doc = a.sweep ? report::buildSweepReport(project, sweep)
                                       : report::buildReport(project, request);
    std::filesystem::path out = a.out ? std::filesystem::path(*a.out)
                                      : report::defaultReportPath(project, doc,
                                                                  a.sweep ? std::vector<std::string>{*a.sweep}
                                                                          : request.runIds);
    if (ext == ".pdf" || language != "en") {
        const auto renderer = report::findReportRenderer();
        if (!renderer)
            throw CliFailure(ExitRuntime, "a PDF or Chinese report needs seekbench-report, the desktop package's "
                                          "renderer, next to seekbench-cli or on PATH; without it, write English "
                                          "HTML (--out FILE.html)");
        if (!a.out)
            out.replace_extension(ext);
        report::RendererRequest r{project.dir(),      out, request, paper, language, a.logo.value_or(""), sweep,
                                  commandLine(a, out)};
        report::execReportRenderer(*renderer, r);
    }
    report::writeReportHtml(out, doc);
    std::cout << "wrote " << doc.kind << " report " << out.string() << " (" << std::filesystem::file_size(out)
              << " bytes, " << doc.sections.size() << " sections)\n";
    if (const std::string why = report::tryRecordReportFile(project, doc, out, request.runIds, a.sweep.value_or(""),
                                                            commandLine(a, out));
        !why.empty())
        std::cerr << "seekbench-cli report: note: the report is written but not recorded in the project: " << why
                  << "\n";
    return ExitOk;
}

} // namespace

void registerReportVerbs(CLI::App &root, int &exitCode)
{
    auto a = std::make_shared<ReportArgs>();
    CLI::App *v = root.add_subcommand("report",
                                      "a run, comparison or sweep report as one self-contained HTML file or a PDF");
    v->allow_extras();
    addProjectOption(*v, a->project, "the project folder (default: the current folder)");
    v->add_option("--runs", a->runs,
                  "the runs: one for a run report, several for a comparison (--runs A B or --runs A --runs B)")
        ->type_name("RUN_ID")
        ->allow_extra_args(true)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    addOption(*v, "--sweep", a->sweep,
              "a sweep report instead of runs: overview, search space, best trials, best so far, parallel "
              "coordinates, parameter importance, provenance")
        ->type_name("SWEEP_ID");
    addInteger(*v, "--top", a->top, "a sweep report's number of best trials listed (default 10)")->type_name("N");
    addOption(*v, "--baseline", a->baseline,
              "the run to compare against: config diff and metric deltas (default for a comparison: the first run)")
        ->type_name("RUN_ID");
    addOption(*v, "--title", a->title, "the report's title (default: the run's name)")->type_name("TEXT");
    addOption(*v, "--notes", a->notes, "free text shown under the title")->type_name("TEXT");
    addOption(*v, "--template", a->templateFile,
              "a report template (YAML: title, notes, baseline, buckets, sections: {curves: true, ...}); the "
              "options given here win over it")
        ->type_name("FILE");
    addOption(*v, "--out", a->out,
              "the report: FILE.html or FILE.pdf (default: reports/<kind>-<run>-<time>.html in the project)")
        ->type_name("FILE.html|FILE.pdf");
    addOption(*v, "--paper", a->paper, "the PDF's paper: a4 (default) or letter")->type_name("a4|letter");
    addOption(*v, "--language", a->language, "the report's language: en (default) or zh_CN")->type_name("en|zh_CN");
    addOption(*v, "--logo", a->logo, "an image drawn beside the PDF's title")->type_name("IMAGE");
    describe(*v, "seekbench-cli report --project DIR --runs RUN_A RUN_B --baseline RUN_A --out compare.html");
    v->callback([v, a, &exitCode] {
        rejectExtras(*v);
        exitCode = reportCommand(*a);
    });
}

} // namespace seekbench::cli
