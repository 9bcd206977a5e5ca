#include "seekbench/projects/slurm_script.h"

#include "seekbench/formats/small_file.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/project_layout.h"

#include <cctype>
#include <map>
#include <sstream>
#include <yaml-cpp/yaml.h>

namespace seekbench::projects {

namespace {

using Kind = ProjectError::Kind;

// The first control character (newline, NUL, escape...) of a value, or -1.
int controlCharAt(const std::string &v)
{
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto c = static_cast<unsigned char>(v[i]);
        if (c < 0x20 || c == 0x7f)
            return int(i);
    }
    return -1;
}

bool digits(const std::string &s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

// Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, UNLIMITED/INFINITE.
bool slurmTime(const std::string &t)
{
    if (t == "UNLIMITED" || t == "INFINITE" || t == "unlimited" || t == "infinite")
        return true;
    std::string rest = t;
    const auto dash = t.find('-');
    if (dash != std::string::npos) {
        if (!digits(t.substr(0, dash)))
            return false;
        rest = t.substr(dash + 1);
    }
    const auto parts = split(rest, ':');
    if (parts.size() > 3 || (dash == std::string::npos && parts.size() > 3))
        return false;
    for (const auto &p : parts)
        if (!digits(p))
            return false;
    return true;
}

std::string extraOption(const std::string &line)
{
    std::string s = line;
    if (s.rfind("#SBATCH", 0) == 0)
        s = s.substr(7);
    const auto first = s.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : s.substr(first);
}

std::string defaultJobName(const SlurmJobSpec &job) { return "seekbench-" + job.runId; }

} // namespace

std::string shellQuote(const std::string &word)
{
    std::string out = "'";
    for (char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string describe(const SlurmIssue &issue) { return issue.field + ": " + issue.message; }

std::vector<SlurmIssue> checkSlurmSettings(const SlurmSettings &s, const SlurmJobSpec &job)
{
    std::vector<SlurmIssue> issues;
    auto text = [&](const std::string &field, const std::string &value) {
        const int at = controlCharAt(value);
        if (at >= 0) {
            char code[8];
            std::snprintf(code, sizeof code, "0x%02x", static_cast<unsigned char>(value[std::size_t(at)]));
            issues.push_back({field, std::string("contains a control character (") + code + ") at offset "
                                         + std::to_string(at)
                                         + "; newlines, NUL and other control characters are refused"});
            return false;
        }
        return true;
    };
    if (s.nodes < 1 || s.nodes > 100000)
        issues.push_back({"nodes", "must be between 1 and 100000, not " + std::to_string(s.nodes)});
    if (s.tasksPerNode < 1 || s.tasksPerNode > 1024)
        issues.push_back({"tasks_per_node", "must be between 1 and 1024, not " + std::to_string(s.tasksPerNode)});
    if (s.cpusPerTask < 0 || s.cpusPerTask > 4096)
        issues.push_back(
            {"cpus_per_task", "must be between 0 (not asked) and 4096, not " + std::to_string(s.cpusPerTask)});
    if (s.gpusPerTask < 0 || s.gpusPerTask > 64)
        issues.push_back({"gpus_per_task", "must be between 0 and 64, not " + std::to_string(s.gpusPerTask)});
    if (text("time", s.timeLimit) && !s.timeLimit.empty() && !slurmTime(s.timeLimit))
        issues.push_back(
            {"time", "'" + s.timeLimit + "' is not a Slurm time (minutes, MM:SS, HH:MM:SS, D-HH:MM:SS or UNLIMITED)"});
    text("partition", s.partition);
    text("account", s.account);
    if (text("job_name", s.jobName) && s.jobName.size() > 200)
        issues.push_back({"job_name", "is longer than 200 characters"});
    for (std::size_t i = 0; i < s.extra.size(); ++i) {
        const std::string field = "sbatch[" + std::to_string(i) + "]";
        if (!text(field, s.extra[i]))
            continue;
        const std::string opt = extraOption(s.extra[i]);
        if (opt.size() < 2 || opt[0] != '-')
            issues.push_back(
                {field, "'" + s.extra[i] + "' is not an sbatch option (it must start with -, e.g. --qos=high)"});
        else if (opt.rfind("--wrap", 0) == 0)
            issues.push_back({field, "--wrap replaces the script with a shell command; it is not allowed"});
    }
    if (text("cli", s.cli) && !s.cli.empty() && s.cli.front() != '/')
        issues.push_back({"cli", "'" + s.cli + "' is not an absolute path to seekbench-cli on the nodes"});
    text("run name", job.runName);
    if (text("project folder", job.projectDir.string()) && !job.projectDir.is_absolute())
        issues.push_back({"project folder", "'" + job.projectDir.string() + "' is not absolute"});
    if (job.attempt < 1)
        issues.push_back({"attempt", "must be at least 1"});
    return issues;
}

std::string sbatchScriptPath(const std::string &runId, int attempt)
{
    return ProjectLayout().sbatchScriptPath(runId, attempt).string();
}

std::vector<std::string> sbatchArguments(const SlurmSettings &s, const SlurmJobSpec &job)
{
    std::vector<std::string> a;
    // The user's extra options first: Seekbench's own come later and win, since the
    // run's logs and ranks depend on them.
    for (const auto &e : s.extra)
        a.push_back(extraOption(e));
    a.push_back("--parsable");
    a.push_back("--job-name=" + (s.jobName.empty() ? defaultJobName(job) : s.jobName));
    a.push_back("--nodes=" + std::to_string(s.nodes));
    a.push_back("--ntasks-per-node=" + std::to_string(s.tasksPerNode));
    if (s.cpusPerTask > 0)
        a.push_back("--cpus-per-task=" + std::to_string(s.cpusPerTask));
    if (s.gpusPerTask > 0)
        a.push_back("--gpus-per-task=" + std::to_string(s.gpusPerTask));
    if (!s.timeLimit.empty())
        a.push_back("--time=" + s.timeLimit);
    if (!s.partition.empty())
        a.push_back("--partition=" + s.partition);
    if (!s.account.empty())
        a.push_back("--account=" + s.account);
    // Paths relative to the project (run ids are plain names): no Slurm filename pattern
    // or escape can come from the folder's own name.
    a.push_back("--chdir=" + job.projectDir.string());
    a.push_back("--output=" + ProjectLayout().slurmLogPath(job.runId, "%j").string());
    return a;
}

std::string sbatchScript(const SlurmSettings &s, const SlurmJobSpec &job)
{
    std::ostringstream o;
    o << "#!/bin/bash\n";
    o << "# Seekbench run " << job.runId << " (attempt " << job.attempt << "): " << s.ranks() << " rank"
      << (s.ranks() == 1 ? "" : "s") << " on " << s.nodes << " node" << (s.nodes == 1 ? "" : "s") << ".\n";
    o << "# The sbatch options are passed to sbatch as arguments, not read from this file:\n";
    o << "#   sbatch";
    for (const auto &arg : sbatchArguments(s, job))
        o << " " << shellQuote(arg);
    o << " " << shellQuote(sbatchScriptPath(job.runId, job.attempt)) << "\n";
    o << "set -eu\n";
    o << "# Ranks come from SLURM_PROCID/SLURM_NTASKS and the first host of the node list;\n";
    o << "# a launcher's variables inherited from the submitting shell would override them.\n";
    o << "unset RANK WORLD_SIZE LOCAL_RANK LOCAL_WORLD_SIZE MASTER_ADDR SEEKBENCH_STORE_HOSTED\n";
    o << "export MASTER_PORT=$((20000 + SLURM_JOB_ID % 20000))\n";
    o << "export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n";
    o << "export SEEKBENCH_THREADS=\"$OMP_NUM_THREADS\"\n";
    // A rank that dies is named by the ranks that survive it: their collectives fail (or
    // time out) and they record their end. --kill-on-bad-exit=1 would SIGKILL them first,
    // and the store could no longer tell the dead rank from the killed ones.
    o << "# A rank that dies makes the others fail in their next collective, and they record it.\n";
    o << "exec srun --kill-on-bad-exit=0";
    // With --gpus-per-task Slurm would show each task only its own GPUs, all numbered from
    // 0; unbound, every task sees the node's GPUs and trains on the one its LOCAL_RANK
    // (SLURM_LOCALID) names, as with the local launcher.
    if (s.gpusPerTask > 0)
        o << " --gpu-bind=none";
    const std::string logs = ProjectLayout().runLogsDir(job.runId).string();
    o << " " << shellQuote("--output=" + logs + "/rank-%t.jsonl");
    o << " " << shellQuote("--error=" + logs + "/rank-%t.log");
    o << " \\\n    " << shellQuote(s.cli);
    for (const std::string &word :
         {std::string("train"), std::string("--project"), job.projectDir.string(), std::string("--run-id"), job.runId,
          std::string("--attempt"), std::to_string(job.attempt)})
        o << " " << shellQuote(word);
    o << "\n";
    return o.str();
}

SlurmSettings loadSlurmProfile(const std::filesystem::path &file)
{
    const std::string where = file.string();
    const SmallFileRead text = readSmallFile(file);
    if (!text.ok())
        throw ProjectError(Kind::BadInput, where + ": cannot read the cluster profile: " + text.problem);
    YAML::Node root;
    try {
        root = YAML::Load(text.text);
    } catch (const YAML::Exception &e) {
        throw ProjectError(Kind::BadInput, where + ": not valid YAML: " + e.what());
    }
    if (!root.IsMap())
        throw ProjectError(Kind::BadInput, where + ": a cluster profile is a mapping (nodes: 2, partition: ...)");
    SlurmSettings s;
    std::map<std::string, int> seen; // key -> its line: YAML would keep the last one quietly
    for (const auto &kv : root) {
        const std::string key = kv.first.as<std::string>();
        const YAML::Node &v = kv.second;
        const int line = kv.first.Mark().line + 1;
        const std::string at = where + ":" + std::to_string(line) + ": " + key;
        if (const auto [first, inserted] = seen.emplace(key, line); !inserted)
            throw ProjectError(Kind::BadInput,
                               at + ": given more than once (first at line " + std::to_string(first->second) + ")");
        try {
            auto scalar = [&] {
                if (!v.IsScalar())
                    throw ProjectError(Kind::BadInput, at + ": expected a single value");
                return v.as<std::string>();
            };
            auto integer = [&] {
                if (!v.IsScalar())
                    throw ProjectError(Kind::BadInput, at + ": expected a whole number");
                return v.as<int>();
            };
            if (key == "nodes")
                s.nodes = integer();
            else if (key == "tasks_per_node")
                s.tasksPerNode = integer();
            else if (key == "cpus_per_task")
                s.cpusPerTask = integer();
            else if (key == "gpus_per_task")
                s.gpusPerTask = integer();
            else if (key == "time")
                s.timeLimit = scalar();
            else if (key == "partition")
                s.partition = scalar();
            else if (key == "account")
                s.account = scalar();
            else if (key == "job_name")
                s.jobName = scalar();
            else if (key == "cli")
                s.cli = scalar();
            else if (key == "sbatch") {
                if (!v.IsSequence())
                    throw ProjectError(Kind::BadInput, at + ": expected a list of sbatch options");
                for (const auto &item : v)
                    s.extra.push_back(item.as<std::string>());
            } else
                throw ProjectError(Kind::BadInput,
                                   at
                                       + ": unknown key (nodes, tasks_per_node, cpus_per_task, "
                                         "gpus_per_task, time, partition, account, job_name, sbatch, cli)");
        } catch (const YAML::Exception &) {
            throw ProjectError(Kind::BadInput, at + ": wrong type");
        }
    }
    return s;
}

} // namespace seekbench::projects
