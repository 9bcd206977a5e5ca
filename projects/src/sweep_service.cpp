#include "seekbench/projects/sweep_service.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/formats/small_file.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/tuning/pruner.h"
#include "seekbench/tuning/sampler.h"

#include <charconv>
#include <cstdint>

namespace seekbench::projects {

using tuning::Trial;
using tuning::TrialState;

namespace {

std::string problems(const std::string &where, const ConfigIssues &issues)
{
    std::string text;
    for (const auto &i : issues)
        text += (text.empty() ? "" : "\n") + where + ": " + describe(i);
    return text;
}

} // namespace

tuning::SearchSpace sweepSpace(const SweepRecord &sweep)
{
    tuning::SpaceParse parsed = tuning::parseSearchSpace(sweep.spaceYaml);
    if (!parsed.space)
        throw ProjectError(ProjectError::Kind::BadInput, problems("sweep " + sweep.name, parsed.issues));
    parsed.space->name = sweep.name;
    return *parsed.space;
}

SweepRecord createSweepFromFile(const Project &project, const std::filesystem::path &spaceFile, const std::string &name)
{
    const std::filesystem::path file = spaceFile.is_absolute() ? spaceFile : project.dir() / spaceFile;
    const std::filesystem::path inside = project.resolveInside(project.relativePath(file));
    const std::string shown = project.relativePath(inside);
    const SmallFileRead text = readSmallFile(inside);
    if (!text.ok())
        throw ProjectError(ProjectError::Kind::BadInput, shown + ": " + text.problem);
    tuning::SpaceParse parsed = tuning::parseSearchSpace(text.text);
    if (!parsed.space)
        throw ProjectError(ProjectError::Kind::BadInput, problems(shown, parsed.issues));
    const std::filesystem::path base = project.resolveInside(parsed.space->baseConfig);
    ConfigLoad load = loadRunConfig(base);
    const ConfigIssues baseIssues = load.ok() ? validate(load.config) : load.issues;
    if (!baseIssues.empty())
        throw ProjectError(ProjectError::Kind::BadInput, problems(parsed.space->baseConfig, baseIssues));
    SweepStore store(project);
    const std::string sweepName = name.empty() ? inside.stem().string() : name;
    const std::string id = store.createSweep(sweepName, text.text);
    return store.require(id);
}

std::optional<Trial> askTrial(const Project &project, const std::string &sweepIdOrName)
{
    SweepStore store(project);
    const SweepRecord sweep = store.require(sweepIdOrName);
    const tuning::SearchSpace space = sweepSpace(sweep);
    const auto sampler = tuning::makeSampler(space.sampler);
    return store.ask(sweep.id, [&](const std::vector<Trial> &history, int number) {
        return sampler->suggest(space, history, number);
    });
}

bool reportTrial(const Project &project, const std::string &sweepIdOrName, int number, std::int64_t step, double value)
{
    SweepStore store(project);
    const SweepRecord sweep = store.require(sweepIdOrName);
    const tuning::SearchSpace space = sweepSpace(sweep);
    store.report(sweep.id, number, step, value);
    const std::vector<Trial> trials = store.trials(sweep.id);
    for (const Trial &t : trials)
        if (t.number == number)
            return t.state == TrialState::Running
                   && tuning::shouldPrune(space.pruner, space.objective.direction, t, step, value, trials);
    return false;
}

void linkTrialRun(const Project &project, const std::string &sweepId, int number, const std::string &runId)
{
    SweepStore store(project);
    const SweepRecord sweep = store.require(sweepId);
    store.setTrialRun(sweep.id, number, runId);
    RunStore(project).addTag(runId, "sweep:" + sweep.name);
}

std::optional<Trial> bestTrial(const tuning::SearchSpace &space, const std::vector<Trial> &trials)
{
    std::optional<Trial> best;
    const bool minimize = space.objective.direction == tuning::Direction::Minimize;
    for (const Trial &t : trials) {
        if (t.state != TrialState::Complete || !t.value)
            continue;
        if (!best || (minimize ? *t.value < *best->value : *t.value > *best->value))
            best = t;
    }
    return best;
}

std::string sweepTrialsCsv(SweepStore &store, const SweepRecord &sweep)
{
    const tuning::SearchSpace space = sweepSpace(sweep);
    const auto quote = [](const std::string &v) {
        std::string q = "\"";
        for (char c : v)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    const auto number = [](const std::optional<double> &v) {
        if (!v)
            return std::string();
        char buffer[64];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, *v);
        return std::string(buffer, result.ptr);
    };
    std::string text = "trial,state,value,cost,run";
    for (const auto &param : space.params)
        text += "," + quote(param.key);
    text += ",reason\n";
    for (const tuning::Trial &t : store.trials(sweep.id)) {
        text += std::to_string(t.number) + "," + tuning::stateName(t.state) + "," + number(t.value) + ","
                + number(t.cost) + "," + store.trialRun(sweep.id, t.number).value_or("");
        for (const auto &param : space.params) {
            const auto v = t.params.find(param.key);
            text += "," + (v == t.params.end() ? std::string() : quote(v->second));
        }
        text += "," + quote(t.reason) + "\n";
    }
    return text;
}

} // namespace seekbench::projects
