#pragma once

// The Qt renderer program (seekbench-report, app/gui/report_main.cpp) that writes PDF and
// Chinese reports for seekbench-cli, which has no Qt. The CLI resolves the request
// (options and template) and hands it over whole; this is where the program is found and
// how it is started.

#include "seekbench/projects/report/report_builder.h"
#include "seekbench/projects/report/sweep_report.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects::report {

struct RendererRequest
{
    std::filesystem::path project, out;
    ReportRequest request;
    std::string paper = "a4"; // a4 | letter
    std::string language;     // "" (English) | en | zh_CN
    std::string logo;         // an image file, or ""
    // A sweep report when sweep.sweepId is set (request.runIds is empty then; its title,
    // notes and hidden sections are the sweep's).
    SweepReportRequest sweep = {};
    std::string command; // the command that asked for it, recorded with the report
};

// The arguments seekbench-report takes for the request (without the program itself).
std::vector<std::string> rendererArguments(const RendererRequest &r);

// seekbench-report next to the running program (/proc/self/exe), else on PATH; nullopt
// when neither has it.
std::optional<std::filesystem::path> findReportRenderer();

// Replaces this process with the renderer (execv: its output and exit code become this
// command's). Returns only when that failed; throws std::runtime_error saying why.
[[noreturn]] void execReportRenderer(const std::filesystem::path &renderer, const RendererRequest &r);

} // namespace seekbench::projects::report
