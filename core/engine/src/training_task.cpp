#include "training_task.h"

#include "aml_task.h"
#include "crossmodal_task.h"
#include "kg_task.h"
#include "pdm_task.h"
#include "text_task.h"

#include <stdexcept>

namespace seekbench::engine {

std::unique_ptr<TrainingTask> makeTrainingTask(const RunConfig &config, int rank, int worldSize,
                                               std::shared_ptr<const DatasetSource> dataset)
{
    const std::string &kind = config.data.kind;
    if (kind == "synthetic_text")
        return makeTextTask(config, rank, worldSize); // builds its data from the config
    if (kind == "aml_transactions")
        return makeAmlTask(config, rank, worldSize, std::move(dataset));
    if (kind == "fashion_mnist_pairs")
        return makeCrossModalTask(config, rank, worldSize);
    if (kind == "pdm_fleet")
        return makePdmTask(config, rank, worldSize, std::move(dataset));
    if (kind == "kg_corpus")
        return makeKgTask(config, rank, worldSize, std::move(dataset));
    throw std::invalid_argument("data.kind '" + kind + "' has no training task in this build");
}

} // namespace seekbench::engine
