#pragma once

// A realistic sweep for the benchmark and the gallery: eight parameters (two log, two
// linear, an integer, two categorical, one conditional on the optimiser), an objective
// with structure and noise, about 15% pruned and 5% failed trials.

#include "seekbench/widgets/sweep_chart_data.h"

#include <cmath>
#include <limits>
#include <random>

inline seekbench::widgets::SweepChartData makeSweep(int trials, int params = 8, unsigned seed = 7)
{
    using seekbench::widgets::SweepAxis;
    using seekbench::widgets::SweepChartData;
    const QList<SweepAxis> all
        = {{QStringLiteral("learning_rate"), SweepAxis::Scale::Log, {}},
           {QStringLiteral("optimizer"),
            SweepAxis::Scale::Categorical,
            {QStringLiteral("adam"), QStringLiteral("adamw"), QStringLiteral("sgd")}},
           {QStringLiteral("layers"), SweepAxis::Scale::Linear, {}},
           {QStringLiteral("dropout"), SweepAxis::Scale::Linear, {}},
           {QStringLiteral("momentum"), SweepAxis::Scale::Linear, {}}, // sgd only
           {QStringLiteral("weight_decay"), SweepAxis::Scale::Log, {}},
           {QStringLiteral("batch_size"),
            SweepAxis::Scale::Categorical,
            {QStringLiteral("32"), QStringLiteral("64"), QStringLiteral("128"), QStringLiteral("256")}},
           {QStringLiteral("warmup_steps"), SweepAxis::Scale::Linear, {}}};
    SweepChartData d;
    d.params = all.mid(0, params);
    d.objectiveName = QStringLiteral("eval/loss");
    d.minimize = true;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    std::normal_distribution<double> noise(0, 0.06);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (int t = 0; t < trials; ++t) {
        const double lr = std::pow(10.0, -5 + 4 * u(rng));
        const int opt = int(u(rng) * 3);
        const double layers = 2 + std::floor(u(rng) * 11), dropout = 0.5 * u(rng);
        const double momentum = opt == 2 ? 0.8 + 0.19 * u(rng) : nan;
        const double wd = std::pow(10.0, -6 + 4 * u(rng));
        const int batch = int(u(rng) * 4);
        const double warmup = std::round(2000 * u(rng));
        QList<double> row = {lr, double(opt), layers, dropout, momentum, wd, double(batch), warmup};
        row.resize(params);
        const double lrTerm = std::pow(std::log10(lr) + 3.2, 2) * 0.18;
        double loss = 0.35 + lrTerm + 0.15 * std::abs(dropout - 0.15) + 0.01 * std::abs(layers - 7)
                      + (opt == 2 ? 0.08 + 0.3 * (0.99 - momentum) : 0) + 0.02 * batch + noise(rng);
        int state = 0;
        const double r = u(rng);
        if (r < 0.05) {
            state = r < 0.035 ? 2 : 3; // failed or infeasible: no objective
            loss = nan;
        } else if (r < 0.20) {
            state = 1; // pruned: its last intermediate value, worse than it would have ended
            loss += 0.2 * u(rng);
        }
        d.values.push_back(row);
        d.objective.push_back(loss);
        d.trialNumbers.push_back(t);
        d.states.push_back(state);
    }
    return d;
}
