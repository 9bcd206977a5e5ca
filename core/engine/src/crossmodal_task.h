#pragma once

#include "training_task.h"

namespace seekbench::engine {

// data.kind "fashion_mnist_pairs": image-caption matching with hard negatives on
// Fashion-MNIST (crossmodal.architecture "crossmodal"), or the image-only ViT baseline
// ("image_only"). Metrics: eval/loss, eval/accuracy (10-way classification on the test
// split, by scoring each image against the ten class templates), and for the cross-modal
// model eval/match_accuracy (the right caption scores above all its negatives) and
// eval/gate_image (mean gate weight on the image features of matched pairs).
std::unique_ptr<TrainingTask> makeCrossModalTask(const RunConfig &config, int rank, int worldSize);

} // namespace seekbench::engine
