#include "seekbench/projects/report/report_renderer.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace seekbench::projects::report {

namespace fs = std::filesystem;

std::vector<std::string> rendererArguments(const RendererRequest &r)
{
    std::vector<std::string> args = {"--project", r.project.string(), "--out", r.out.string()};
    for (const std::string &id : r.request.runIds) {
        args.push_back("--run");
        args.push_back(id);
    }
    const auto add = [&args](const char *name, const std::string &value) {
        if (!value.empty()) {
            args.push_back(name);
            args.push_back(value);
        }
    };
    if (!r.sweep.sweepId.empty()) {
        add("--sweep", r.sweep.sweepId);
        add("--top", std::to_string(r.sweep.topTrials));
    }
    add("--baseline", r.request.baselineId);
    add("--title", r.request.title);
    add("--notes", r.request.notes);
    for (const auto &[id, shown] : r.request.sections)
        if (!shown)
            add("--hide", id);
    add("--buckets", std::to_string(r.request.chartBuckets));
    add("--paper", r.paper);
    add("--language", r.language);
    add("--logo", r.logo);
    add("--command", r.command);
    return args;
}

std::optional<fs::path> findReportRenderer()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path beside = self.parent_path() / "seekbench-report";
        if (::access(beside.c_str(), X_OK) == 0)
            return beside;
    }
    const char *path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty())
            continue;
        const fs::path candidate = fs::path(dir) / "seekbench-report";
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

void execReportRenderer(const fs::path &renderer, const RendererRequest &r)
{
    std::vector<std::string> args = rendererArguments(r);
    args.insert(args.begin(), renderer.string());
    std::vector<char *> argv;
    for (std::string &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!std::getenv("QT_QPA_PLATFORM"))
        ::setenv("QT_QPA_PLATFORM", "offscreen", 1); // no display needed, none assumed
    ::execv(renderer.c_str(), argv.data());
    throw std::runtime_error("cannot start " + renderer.string() + ": " + std::strerror(errno));
}

} // namespace seekbench::projects::report
