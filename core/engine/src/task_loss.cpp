#include "task_loss.h"

#include <torch/torch.h>

namespace seekbench::engine {

TaskLoss taskLoss(const std::string &head, const at::Tensor &logits, const at::Tensor &target)
{
    namespace F = torch::nn::functional;
    TaskLoss out;
    const auto l = logits.to(torch::kFloat);
    if (head == "regression") {
        out.loss = F::mse_loss(l.squeeze(-1), target);
        return out;
    }
    at::Tensor flat, labels;
    if (head == "causal_lm") {
        // Predict token t+1 from tokens up to t.
        flat = l.slice(1, 0, l.size(1) - 1).reshape({-1, l.size(-1)});
        labels = target.slice(1, 1).reshape({-1});
    } else if (head == "token_classification") {
        flat = l.reshape({-1, l.size(-1)});
        labels = target.reshape({-1});
    } else {
        flat = l;
        labels = target;
    }
    out.loss = F::cross_entropy(flat, labels);
    out.correct = (flat.argmax(-1) == labels).sum();
    out.counted = labels.numel();
    return out;
}

} // namespace seekbench::engine
