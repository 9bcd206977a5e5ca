#include "support/output.h"

#include "seekbench/run/metrics_sink.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace seekbench::cli {

void printJsonLine(const nlohmann::json &j)
{
    const std::string line = j.dump();
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printEventLine(const RunEvent &event)
{
    // One locked write per line: the sampler thread prints its events beside the training
    // loop's, and two lines must never interleave.
    flockfile(stdout);
    std::fwrite(event.json.data(), 1, event.json.size(), stdout);
    std::fputc('\n', stdout);
    if (event.kind != "step" && event.kind != "system")
        std::fflush(stdout);
    funlockfile(stdout);
}

std::string spaced(const std::vector<std::string> &words)
{
    std::string out;
    for (const std::string &w : words)
        out += " " + w;
    return out;
}

} // namespace seekbench::cli
