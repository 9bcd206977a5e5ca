#include "training_task.h"

#include "text_task.h"

#include <stdexcept>

namespace seekbench::engine {

std::unique_ptr<TrainingTask> makeTrainingTask(const RunConfig &config, int rank, int worldSize,
                                               std::shared_ptr<const DatasetSource> dataset)
{
    (void)dataset; // the text task builds its data from the config
    const std::string &kind = config.data.kind;
    if (kind == "synthetic_text")
        return makeTextTask(config, rank, worldSize);
    throw std::invalid_argument("data.kind '" + kind + "' has no training task in this build");
}

} // namespace seekbench::engine
