#pragma once

// A project with a sweep and its trials written through SweepStore directly (no training):
// a log-uniform lr, a uniform weight decay, an int warmup, a choice of hidden size and an
// optimizer whose momentum is asked only for SGD. Values come from a fixed formula, so a
// test can recompute them; every 11th trial failed, every 13th infeasible, every 7th
// pruned (with a short curve), the last `running` still running.

#include "seekbench/projects/project.h"
#include "seekbench/projects/sweep_store.h"

#include <QString>

#include <cmath>
#include <random>
#include <string>

namespace seekbench::test {

inline std::string sweepSpaceYaml(bool withCost, int budget)
{
    std::string y = "base: configs/tiny.yaml\n"
                    "objective: {metric: eval/loss, direction: minimize}\n";
    if (withCost)
        y += "cost: wall_time\n";
    y += "trials: " + std::to_string(budget)
         + "\n"
           "parallel: 2\n"
           "params:\n"
           "  training.lr: {log_uniform: [1.0e-4, 3.0e-2]}\n"
           "  training.weight_decay: {uniform: [0, 0.1]}\n"
           "  training.warmup_steps: {int: [0, 200], step: 10}\n"
           "  model.hidden_size: {choices: [64, 128, 256]}\n"
           "  training.optimizer: {choices: [adamw, sgd]}\n"
           "  training.momentum: {uniform: [0.5, 0.99], when: {training.optimizer: sgd}}\n";
    return y;
}

struct SweepFixtureOptions
{
    int trials = 12;
    int running = 1;
    int budget = 0; // 0: trials + 10
    bool withCost = false;
    std::string name = "lr-search";
};

inline projects::Project makeSweepProject(const QString &dir)
{
    projects::ProjectManifest m;
    m.name = "sweeps";
    m.storage = "local";
    return projects::Project::create(dir.toStdString(), m);
}

// The objective of trial `number` (and its lr), as the fixture tells it.
inline double fixtureValue(double lr, double wd, int hidden)
{
    return 0.8 + std::pow(std::log10(lr) + 2.7, 2) * 0.6 + wd * 1.5 + 32.0 / hidden;
}

inline std::string addFixtureSweep(const projects::Project &project, const SweepFixtureOptions &o)
{
    projects::SweepStore store(project);
    const std::string id = store.createSweep(o.name, sweepSpaceYaml(o.withCost, o.budget ? o.budget : o.trials + 10));
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < o.trials; ++i) {
        const double lr = std::pow(10.0, -4.0 + unit(rng) * (std::log10(3e-2) + 4.0));
        const double wd = unit(rng) * 0.1;
        const int warmup = int(unit(rng) * 20) * 10;
        const int hidden = 64 << int(unit(rng) * 2.999);
        const bool sgd = unit(rng) < 0.3;
        const double momentum = 0.5 + unit(rng) * 0.49;
        const auto trial = store.ask(id, [&](const std::vector<tuning::Trial> &, int) {
            tuning::TrialParams p{{"training.lr", std::to_string(lr)},
                                  {"training.weight_decay", std::to_string(wd)},
                                  {"training.warmup_steps", std::to_string(warmup)},
                                  {"model.hidden_size", std::to_string(hidden)},
                                  {"training.optimizer", sgd ? "sgd" : "adamw"}};
            if (sgd)
                p["training.momentum"] = std::to_string(momentum);
            return std::optional<tuning::TrialParams>(p);
        });
        const int n = trial->number;
        const double value = fixtureValue(std::stod(trial->params.at("training.lr")),
                                          std::stod(trial->params.at("training.weight_decay")), hidden);
        if (i >= o.trials - o.running) {
            store.report(id, n, 50, value + 1.0);
            continue;
        }
        const std::optional<double> cost = o.withCost ? std::optional<double>(40.0 + hidden * 0.5 + warmup * 0.1)
                                                      : std::nullopt;
        if (i % 11 == 10) {
            store.tell(id, n, tuning::TrialState::Failed, std::nullopt, "the run crashed (exit 134)");
        } else if (i % 13 == 12) {
            store.tell(id, n, tuning::TrialState::Infeasible, std::nullopt, "needs 9.1 GiB, 8 GiB free");
        } else if (i % 7 == 6) {
            store.report(id, n, 50, value + 1.2);
            store.report(id, n, 100, value + 0.9);
            store.tell(id, n, tuning::TrialState::Pruned, std::nullopt, "below the median at step 100");
        } else {
            for (int s = 1; s <= 5; ++s)
                store.report(id, n, s * 50, value + 1.5 / s - 0.3);
            store.tell(id, n, tuning::TrialState::Complete, value, {}, cost);
        }
    }
    return id;
}

} // namespace seekbench::test
