#pragma once

// The held-out test split of a cross-modal run (data.kind fashion_mnist_pairs), scored
// once. Training evaluates only the validation split (data.validation_samples images
// held out of the training file): eval/*, early stopping and keep-best select on it. The
// t10k test split is scored at the end, on the kept-best checkpoint (training.keep_best)
// or the final one, and reported as test/*, never as eval/*. Torch-free for callers.

#include "seekbench/config/run_config.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/inspection/held_out_test.h"

#include <filesystem>
#include <optional>

namespace seekbench {

// Whether runs of this config have a held-out test split scored at their end.
bool hasHeldOutTest(const RunConfig &config);

// The checkpoint a run's test split is scored on: with training.keep_best (read from the
// newest checkpoint's config) the newest checkpoint marked best, else (or when none is)
// the newest. nullopt when the run folder has no checkpoint. Throws CheckpointError for
// an unreadable header.
std::optional<std::filesystem::path> heldOutTestCheckpoint(const std::filesystem::path &runDir);

// Scores the test split (the checkpoint config's data.eval_samples t10k images, all of
// them) with the checkpoint's model, on the run's training.device when it is available.
// `dataDir` overrides crossmodal.data_dir when not empty. Throws CheckpointError for a bad
// checkpoint, IdxError for bad data, std::invalid_argument for a run of another kind.
HeldOutTest scoreHeldOutTest(const std::filesystem::path &checkpoint, const std::filesystem::path &dataDir = {});

// train(), then, for a run with a held-out test split that finished or stopped early, rank
// 0 scores the test split on heldOutTestCheckpoint(request.outDir): the test/* figures
// join the result's final metrics and the "final" object of the "end" event (held back
// until then; its "test" object names the checkpoint, step and sample count). A scoring
// failure is a "warning" event; the run's status stays as it was.
TrainResult trainAndTest(const TrainRequest &request);

} // namespace seekbench
