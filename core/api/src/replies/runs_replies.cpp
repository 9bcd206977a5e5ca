#include "seekbench/replies/runs_replies.h"

#include "reply_json.h"

#include <cstdint>

namespace seekbench::replies {

using detail::parseObject;
using detail::required;

std::string RunsStopReply::toJson() const
{
    nlohmann::json j{{"run", run}};
    if (scancelJob)
        j["scancel"] = *scancelJob;
    if (signalledPid) {
        j["signalled"] = *signalledPid;
        j["stopped"] = stopped;
    }
    if (status)
        j["status"] = seekbench::toString(*status);
    return j.dump();
}

RunsStopReply RunsStopReply::fromJson(const std::string &document)
{
    const std::string what = "runs stop reply";
    const nlohmann::json j = parseObject(what, document);
    RunsStopReply r;
    r.run = required<std::string>(what, j, "run", "a string");
    if (j.contains("scancel"))
        r.scancelJob = required<std::string>(what, j, "scancel", "a string");
    if (j.contains("signalled")) {
        r.signalledPid = required<std::int64_t>(what, j, "signalled", "an integer");
        r.stopped = required<bool>(what, j, "stopped", "a boolean");
    }
    if (j.contains("status")) {
        const std::string word = required<std::string>(what, j, "status", "a string");
        r.status = parseRunStatus(word);
        if (!r.status)
            throw std::invalid_argument(what + ": key 'status': '" + word + "' is not a run status");
    }
    if (!r.scancelJob && !r.signalledPid)
        throw std::invalid_argument(what + ": key 'signalled' or 'scancel' is missing");
    return r;
}

std::string RunsResumeReply::toJson() const
{
    return nlohmann::json{{"run", run}, {"pid", pid}, {"stdout", stdoutLog}, {"stderr", stderrLog}}.dump();
}

RunsResumeReply RunsResumeReply::fromJson(const std::string &document)
{
    const std::string what = "runs resume reply";
    const nlohmann::json j = parseObject(what, document);
    RunsResumeReply r;
    r.run = required<std::string>(what, j, "run", "a string");
    r.pid = required<std::int64_t>(what, j, "pid", "an integer");
    r.stdoutLog = required<std::string>(what, j, "stdout", "a string");
    r.stderrLog = required<std::string>(what, j, "stderr", "a string");
    return r;
}

} // namespace seekbench::replies
