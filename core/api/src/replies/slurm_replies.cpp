#include "seekbench/replies/slurm_replies.h"

#include "reply_json.h"

namespace seekbench::replies {

using detail::parseObject;
using detail::required;

std::string SlurmScriptReply::toJson() const
{
    return nlohmann::json{{"sbatch_args", sbatchArgs}, {"script", script}, {"ranks", ranks}, {"script_path", scriptPath}}
        .dump();
}

SlurmScriptReply SlurmScriptReply::fromJson(const std::string &document)
{
    const std::string what = "slurm script reply";
    const nlohmann::json j = parseObject(what, document);
    SlurmScriptReply r;
    const auto args = j.find("sbatch_args");
    if (args == j.end())
        throw std::invalid_argument(what + ": key 'sbatch_args' is missing");
    if (!args->is_array())
        throw std::invalid_argument(what + ": key 'sbatch_args' is not an array of strings");
    for (const auto &a : *args) {
        if (!a.is_string())
            throw std::invalid_argument(what + ": key 'sbatch_args' is not an array of strings");
        r.sbatchArgs.push_back(a.get<std::string>());
    }
    r.script = required<std::string>(what, j, "script", "a string");
    r.ranks = required<int>(what, j, "ranks", "an integer");
    r.scriptPath = required<std::string>(what, j, "script_path", "a string");
    return r;
}

std::string SlurmSubmitReply::toJson() const
{
    return nlohmann::json{{"run", run}, {"attempt", attempt}, {"job", job}, {"ranks", ranks}, {"script", script}}.dump();
}

SlurmSubmitReply SlurmSubmitReply::fromJson(const std::string &document)
{
    const std::string what = "slurm submit reply";
    const nlohmann::json j = parseObject(what, document);
    SlurmSubmitReply r;
    r.run = required<std::string>(what, j, "run", "a string");
    r.attempt = required<int>(what, j, "attempt", "an integer");
    r.job = required<std::string>(what, j, "job", "a string");
    r.ranks = required<int>(what, j, "ranks", "an integer");
    r.script = required<std::string>(what, j, "script", "a string");
    return r;
}

} // namespace seekbench::replies
