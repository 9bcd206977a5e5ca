#pragma once

// How a training run ended, as the engine reports it. Torch-free and engine-free, so that
// projects can record a run's outcome without linking the engine.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace seekbench {

enum class TrainStatus {
    Finished,     // reached max_steps
    EarlyStopped, // the eval metric stopped improving
    Cancelled,    // cooperative cancel; a final checkpoint was written
    Diverged,     // non-finite loss or gradient norm with on_nonfinite: stop
    Failed,       // a runtime error (message says which)
};

// "finished", "early_stopped", "cancelled", "diverged", "failed".
const char *toString(TrainStatus status);
// The status a trainer's "end" event names, or nullopt for anything else.
std::optional<TrainStatus> parseTrainStatus(std::string_view text);

struct TrainResult
{
    TrainStatus status = TrainStatus::Failed;
    std::int64_t step = 0;                      // optimizer steps completed
    std::map<std::string, double> finalMetrics; // last eval and train figures
    std::map<std::string, double> bestMetrics;
    std::string message; // why it failed or diverged
    std::filesystem::path lastCheckpoint;
    bool inputError = false; // failed on bad input (a damaged checkpoint)
};

} // namespace seekbench
