#pragma once

#include "seekbench/tuning/sampler.h"

namespace seekbench::tuning::detail {

// Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna 3.1's TPESampler; see
// tpe_sampler.cpp for how trials are ranked and how conditional params are grouped.
class TpeSampler final : public Sampler
{
public:
    explicit TpeSampler(SamplerSettings settings) : m_settings(settings) {}

    std::optional<TrialParams> suggest(const SearchSpace &space, const std::vector<Trial> &history,
                                       int trialNumber) override;

private:
    SamplerSettings m_settings;
};

} // namespace seekbench::tuning::detail
