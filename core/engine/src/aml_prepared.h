#pragma once

// The AML graph model's input tensors from a dataset, as training, scoring and export
// (aml_export.h) all build them, so the three never differ.

#include "seekbench/aml/data.h"
#include "seekbench/aml/features.h"
#include "seekbench/config/run_config.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::engine {

// The data in tensors: normalised edge features, the window of every transaction, the
// account features at the start of every window and, per transaction, the sender's recent
// transactions. Everything a transaction's score reads was known at its time: its edge
// features are point-in-time (aml/features.h), account features count only earlier
// windows, message passing states reach a transaction only from earlier windows, and its
// sequence holds only earlier transactions and itself.
struct AmlPrepared
{
    std::int64_t accounts = 0, windows = 1, rows = 0, seqLen = 0;
    at::Tensor edge;          // [rows, F] normalised
    at::Tensor node;          // [windows * accounts, NF]: what was known of an account when the window began
    at::Tensor src, dst;      // [rows] window * accounts + account
    at::Tensor inDeg, outDeg; // [windows * accounts, 1]
    at::Tensor seqIdx;        // [rows, K] transaction indices, -1 padding (left)
    at::Tensor seqExtra;      // [rows, K, 3] outgoing?, log1p hours before, padding?
    at::Tensor seqPeer;       // [rows, K] window * accounts + counterparty (0 for padding)
    std::vector<std::int8_t> labels;
    std::vector<std::int64_t> train, validation; // row indices with labels 0/1 (test rows are never read here)
    aml::AmlPeriods periods;
    std::uint64_t fingerprint = 0;
    // How `edge` was normalised: (feature - mean) / stddev per column, the statistics over
    // the training months' rows; and the windows' origin, the first transaction's time.
    aml::FeatureStats stats;
    std::vector<std::string> featureNames;
    double origin = 0;
};

// Throws std::invalid_argument for an empty dataset or transactions out of time order.
AmlPrepared prepareAml(const RunConfig &cfg, const aml::AmlData &data);

} // namespace seekbench::engine
