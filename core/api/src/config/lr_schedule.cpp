#include "seekbench/config/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace seekbench {

double learningRateAt(const TrainingConfig &t, std::int64_t step)
{
    if (t.warmup_steps > 0 && step < t.warmup_steps)
        return t.lr * double(step + 1) / double(t.warmup_steps);
    if (t.schedule == "constant")
        return t.lr;
    const double span = double(std::max<std::int64_t>(1, t.max_steps - t.warmup_steps));
    const double progress = std::clamp(double(step - t.warmup_steps) / span, 0.0, 1.0);
    const double minLr = t.lr * t.min_lr_ratio;
    if (t.schedule == "linear")
        return t.lr - (t.lr - minLr) * progress;
    return minLr + 0.5 * (t.lr - minLr) * (1.0 + std::cos(M_PI * progress));
}

} // namespace seekbench
