#pragma once

#include "training_task.h"

#include <cstdint>

namespace seekbench::engine {

// data.kind "fashion_mnist_pairs": image-caption matching with hard negatives on
// Fashion-MNIST (crossmodal.architecture "crossmodal"), or the image-only ViT baseline
// ("image_only"). Evaluation during training scores the validation split
// (data.validation_samples images held out of the training file): eval/loss,
// eval/accuracy (10-way classification by scoring each image against the ten class
// templates), and for the cross-modal model eval/match_accuracy (the right caption scores
// above all its negatives) and eval/gate_image (mean gate weight on the image features of
// matched pairs). The test split is never scored during training.
std::unique_ptr<TrainingTask> makeCrossModalTask(const RunConfig &config, int rank, int worldSize);

// The test split (the first data.eval_samples t10k images, every batch) scored by the
// model whose weights are `payload` (a checkpoint's; `source` names it in errors), with
// the same figures as evaluation named test/*; `samples` receives the images scored. Loads
// no training images.
std::map<std::string, double> scoreCrossModalTest(const RunConfig &config, const std::string &payload,
                                                  const std::string &source, const StepContext &ctx,
                                                  std::int64_t *samples = nullptr);

} // namespace seekbench::engine
