#pragma once

// The AML graph task (data.kind "aml_transactions"): a dynamic graph model over the
// transaction graph. Per time window (aml.window_days), aml.message_layers rounds of
// message passing carry edge features (the engineered features: amount, time delta,
// channel, degrees, velocity, ...) between accounts, in both directions; a causal
// running mean over windows makes the account states dynamic. Each scored transaction
// reads the sender's last aml.sequence_length transactions (with the counterparties'
// window states) through DeepSeek-style blocks (model.*), and a head over the sequence
// state and the sender's and receiver's states gives a laundering logit. Trained with
// weighted binary cross-entropy on the training months, evaluated on the held-out ones.

#include "training_task.h"

#include "seekbench/aml/data.h"

namespace seekbench::engine {

std::unique_ptr<TrainingTask> makeAmlTask(const RunConfig &config, int rank, int worldSize,
                                          std::shared_ptr<const DatasetSource> dataset);

// The AML graph model of `config`, untrained (export loads a checkpoint's weights into it).
std::shared_ptr<torch::nn::Module> makeAmlGraphModule(const RunConfig &config);

} // namespace seekbench::engine
