#include "seekbench/run/run_status.h"

#include <array>
#include <utility>

namespace seekbench {

namespace {

constexpr std::array<std::pair<RunStatus, const char *>, 6> kNames{{
    {RunStatus::Queued, "queued"},
    {RunStatus::Running, "running"},
    {RunStatus::Finished, "finished"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Cancelled, "cancelled"},
    {RunStatus::Crashed, "crashed"},
}};

} // namespace

const char *toString(RunStatus status)
{
    for (const auto &[s, name] : kNames)
        if (s == status)
            return name;
    return "failed";
}

std::optional<RunStatus> parseRunStatus(std::string_view text)
{
    for (const auto &[s, name] : kNames)
        if (text == name)
            return s;
    return std::nullopt;
}

} // namespace seekbench
