#include "seekbench/run/train_result.h"

#include <array>

namespace seekbench {

const char *toString(TrainStatus status)
{
    switch (status) {
    case TrainStatus::Finished: return "finished";
    case TrainStatus::EarlyStopped: return "early_stopped";
    case TrainStatus::Cancelled: return "cancelled";
    case TrainStatus::Diverged: return "diverged";
    case TrainStatus::Failed: return "failed";
    }
    return "failed";
}

std::optional<TrainStatus> parseTrainStatus(std::string_view text)
{
    for (TrainStatus s : {TrainStatus::Finished, TrainStatus::EarlyStopped, TrainStatus::Cancelled,
                          TrainStatus::Diverged, TrainStatus::Failed})
        if (text == toString(s))
            return s;
    return std::nullopt;
}

} // namespace seekbench
