#pragma once

// A synthetic text-classification task with planted patterns, so that training can be
// shown to learn without any download. Each class owns a few bigram motifs drawn from a
// reserved part of the vocabulary; a sample of class c carries several of c's motifs
// among uniform noise tokens. Difficulty adds distractor motifs of other classes, motif
// corruption and label noise, so that accuracy has a ceiling below 100%.

#include "seekbench/config/run_config.h"

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace seekbench::engine {

struct TextSplit
{
    at::Tensor inputIds;    // [N, T] int64
    at::Tensor labels;      // [N] int64 class
    at::Tensor tokenLabels; // [N, T] int64: 0 noise, 1 + class of the motif at that token
    at::Tensor targets;     // [N] float: class / (classes - 1), for the regression head
};

struct TextDataset
{
    TextSplit train;
    TextSplit eval;
    std::uint64_t fingerprint = 0; // FNV-1a of all generated tokens and labels
};

TextDataset generateSyntheticText(const DataConfig &data, int vocabSize);

// The expected best eval accuracy given the label noise (labels flipped at random).
double syntheticTextAccuracyCeiling(const DataConfig &data);

} // namespace seekbench::engine
