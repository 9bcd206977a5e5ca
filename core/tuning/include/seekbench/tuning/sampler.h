#pragma once

#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"

#include <memory>
#include <optional>
#include <vector>

namespace seekbench::tuning {

class Sampler
{
public:
    virtual ~Sampler() = default;

    // The next trial's parameters, or nullopt when the space is exhausted (grid).
    // Deterministic in (settings.seed, trialNumber, history): resuming a sweep needs only
    // its stored history. Running trials in history are pending: constant liar.
    virtual std::optional<TrialParams> suggest(const SearchSpace &space, const std::vector<Trial> &history,
                                               int trialNumber)
        = 0;
};

std::unique_ptr<Sampler> makeSampler(const SamplerSettings &settings);

} // namespace seekbench::tuning
