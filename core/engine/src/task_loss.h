#pragma once

// Loss and accuracy per head. Computed in fp32 whatever the autocast precision.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>

namespace seekbench::engine {

struct TaskLoss
{
    at::Tensor loss;          // scalar, mean over the batch
    at::Tensor correct;       // scalar count (classification heads); undefined for regression
    std::int64_t counted = 0; // predictions the accuracy is over
};

TaskLoss taskLoss(const std::string &head, const at::Tensor &logits, const at::Tensor &target);

} // namespace seekbench::engine
