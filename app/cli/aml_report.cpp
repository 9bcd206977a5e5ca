// `seekbench-cli aml report`: a self-contained HTML case report for an alert or an account
// (the builder is projects' aml_case_report.h, shared with the desktop case view).

#include "aml_support.h"

#include "seekbench/projects/aml_case_report.h"

#include <cstdio>

namespace seekbench::cli::aml_cli {

using namespace seekbench::projects;

int amlReport(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--alert", "--account", "--run", "--out", "--note"}, {});
    if (!o.error.empty())
        return fail("report", o.error);
    const auto out = o.get("--out");
    if (!out)
        return fail("report", "--out FILE.html is required");
    return guarded("report", [&] {
        Project project = openProject(o);
        AmlCaseRequest request;
        if (o.get("--alert"))
            request.alertId = std::int64_t(number(o, "--alert", 0));
        else if (auto name = o.get("--account"))
            request.accountName = *name;
        else
            throw std::invalid_argument("give --alert ID or --account NAME");
        request.runId = o.get("--run").value_or("");
        AmlCase c = loadAmlCase(project, request);
        if (auto note = o.get("--note"))
            c.notes = *note;
        try {
            writeReportFile(*out, amlCaseReportHtml(c));
        } catch (const std::runtime_error &e) {
            return fail("report", e.what(), ExitRuntime);
        }
        std::fprintf(stderr, "wrote %s (%zu transactions, %zu chains)\n", out->c_str(), c.transactions.size(),
                     c.trace.chains.size());
        return int(ExitOk);
    });
}

} // namespace seekbench::cli::aml_cli
