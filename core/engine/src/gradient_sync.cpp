#include "gradient_sync.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdint>

namespace seekbench::engine {

GradientSync::GradientSync(ProcessGroup &group, std::vector<at::Tensor> params, std::size_t bucketBytes)
    : m_group(group), m_params(std::move(params))
{
    // Reverse registration order, as DDP does: the last layers' gradients come first.
    std::vector<std::size_t> current;
    std::size_t bytes = 0;
    for (std::size_t i = m_params.size(); i-- > 0;) {
        const auto size = std::size_t(m_params[i].numel()) * m_params[i].element_size();
        if (!current.empty() && bytes + size > bucketBytes) {
            m_buckets.push_back(std::move(current));
            current.clear();
            bytes = 0;
        }
        current.push_back(i);
        bytes += size;
    }
    if (!current.empty())
        m_buckets.push_back(std::move(current));
}

double GradientSync::synchronize()
{
    const auto start = std::chrono::steady_clock::now();
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> flats;
    flats.reserve(m_buckets.size());
    for (const auto &bucket : m_buckets) {
        std::vector<at::Tensor> grads;
        grads.reserve(bucket.size());
        for (auto i : bucket) {
            auto &p = m_params[i];
            if (!p.grad().defined())
                p.mutable_grad() = torch::zeros_like(p);
            grads.push_back(p.grad().reshape({-1}));
        }
        flats.push_back(torch::cat(grads));
    }
    std::vector<std::unique_ptr<ProcessGroup::Pending>> pending;
    std::vector<std::vector<at::Tensor>> holders(flats.size());
    for (std::size_t b = 0; b < flats.size(); ++b) {
        holders[b] = {flats[b]};
        pending.push_back(m_group.allReduceSumAsync(holders[b]));
    }
    const double inv = 1.0 / m_group.worldSize();
    for (std::size_t b = 0; b < flats.size(); ++b) {
        pending[b]->wait();
        auto flat = holders[b][0].mul_(inv);
        std::int64_t offset = 0;
        for (auto i : m_buckets[b]) {
            auto &g = m_params[i].mutable_grad();
            const auto n = g.numel();
            g.copy_(flat.slice(0, offset, offset + n).view_as(g));
            offset += n;
        }
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void GradientSync::broadcastFromRankZero(ProcessGroup &group, const std::vector<at::Tensor> &tensors)
{
    torch::NoGradGuard noGrad;
    for (const auto &t : tensors) {
        std::vector<at::Tensor> one{t.detach()};
        group.broadcast(one, 0);
    }
}

} // namespace seekbench::engine
