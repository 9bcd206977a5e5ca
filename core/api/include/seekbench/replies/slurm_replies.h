#pragma once

// What `seekbench-cli slurm script|submit --json` print for the GUI: one JSON object on
// one line. fromJson throws std::invalid_argument naming the missing or malformed key.

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::replies {

// slurm script --json: {"sbatch_args": [str], "script": str, "ranks": int, "script_path": str}
struct SlurmScriptReply
{
    std::vector<std::string> sbatchArgs;
    std::string script;
    int ranks = 0;
    std::string scriptPath;

    std::string toJson() const;
    static SlurmScriptReply fromJson(const std::string &document);
};

// slurm submit --json: {"run": str, "attempt": int, "job": str, "ranks": int, "script": str}
struct SlurmSubmitReply
{
    std::string run;
    int attempt = 1;
    std::string job;
    int ranks = 0;
    std::string script; // relative to the project

    std::string toJson() const;
    static SlurmSubmitReply fromJson(const std::string &document);
};

} // namespace seekbench::replies
