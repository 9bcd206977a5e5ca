#include "zero_optimizer.h"

#include "optimizer_state_key.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>

namespace seekbench::engine {

namespace {

at::Tensor flatten(const std::vector<at::Tensor> &tensors)
{
    std::vector<at::Tensor> flat;
    flat.reserve(tensors.size());
    for (const auto &t : tensors)
        flat.push_back(t.reshape({-1}));
    return torch::cat(flat);
}

// Views of `flat` shaped like `like`, in order.
std::vector<at::Tensor> unflatten(const at::Tensor &flat, const std::vector<at::Tensor> &like)
{
    std::vector<at::Tensor> out;
    std::int64_t offset = 0;
    for (const auto &t : like) {
        out.push_back(flat.narrow(0, offset, t.numel()).view(t.sizes()));
        offset += t.numel();
    }
    return out;
}

using StateKey = OptimizerStateKey;

StateKey stateKey(const at::Tensor &p) { return optimizerStateKey(p); }

// The state tensors of one parameter that gatherState() moves, by optimizer kind.
std::vector<at::Tensor> stateTensors(torch::optim::OptimizerParamState &s)
{
    if (auto *a = dynamic_cast<torch::optim::AdamWParamState *>(&s)) {
        std::vector<at::Tensor> t{a->exp_avg(), a->exp_avg_sq()};
        if (a->max_exp_avg_sq().defined())
            t.push_back(a->max_exp_avg_sq());
        return t;
    }
    if (auto *a = dynamic_cast<torch::optim::AdamParamState *>(&s)) {
        std::vector<at::Tensor> t{a->exp_avg(), a->exp_avg_sq()};
        if (a->max_exp_avg_sq().defined())
            t.push_back(a->max_exp_avg_sq());
        return t;
    }
    if (auto *g = dynamic_cast<torch::optim::SGDParamState *>(&s))
        return {g->momentum_buffer()};
    throw std::runtime_error("ZeRO-1 supports AdamW and SGD optimizer state only");
}

std::int64_t stepOf(torch::optim::OptimizerParamState &s)
{
    if (auto *a = dynamic_cast<torch::optim::AdamWParamState *>(&s))
        return a->step();
    if (auto *a = dynamic_cast<torch::optim::AdamParamState *>(&s))
        return a->step();
    return 1; // SGD keeps no step count; 1 marks "has state"
}

} // namespace

ZeroOptimizer::ZeroOptimizer(ProcessGroup &group, std::vector<at::Tensor> params)
    : m_group(group), m_params(std::move(params)), m_owner(m_params.size(), 0)
{
    const int world = group.worldSize();
    std::int64_t total = 0;
    for (const auto &p : m_params)
        total += p.numel();
    // Contiguous shards: a parameter goes to the rank whose equal share its middle falls in.
    std::int64_t before = 0;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const std::int64_t middle = before + m_params[i].numel() / 2;
        m_owner[i] = int(std::min<std::int64_t>(world - 1, middle * world / std::max<std::int64_t>(1, total)));
        before += m_params[i].numel();
    }
}

std::int64_t ZeroOptimizer::ownedElements(int rank) const
{
    std::int64_t n = 0;
    for (std::size_t i = 0; i < m_params.size(); ++i)
        if (m_owner[i] == rank)
            n += m_params[i].numel();
    return n;
}

void ZeroOptimizer::dropForeignGradients()
{
    const int me = m_group.rank();
    for (std::size_t i = 0; i < m_params.size(); ++i)
        if (m_owner[i] != me && m_params[i].grad().defined())
            m_params[i].mutable_grad() = at::Tensor();
}

double ZeroOptimizer::broadcastParameters()
{
    const auto started = std::chrono::steady_clock::now();
    torch::NoGradGuard noGrad;
    for (int owner = 0; owner < m_group.worldSize(); ++owner) {
        std::vector<at::Tensor> mine;
        for (std::size_t i = 0; i < m_params.size(); ++i)
            if (m_owner[i] == owner)
                mine.push_back(m_params[i]);
        if (mine.empty())
            continue;
        std::vector<at::Tensor> flat{flatten(mine)};
        m_group.broadcast(flat, owner);
        if (owner == m_group.rank())
            continue;
        const auto parts = unflatten(flat[0], mine);
        for (std::size_t k = 0; k < mine.size(); ++k)
            mine[k].copy_(parts[k]);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void ZeroOptimizer::gatherState(torch::optim::Optimizer &optimizer)
{
    torch::NoGradGuard noGrad;
    auto &state = optimizer.state();
    const int me = m_group.rank();
    const bool adam = dynamic_cast<torch::optim::AdamW *>(&optimizer) != nullptr;
    // Which parameters have state, and their step counts, plus whether AdamW keeps
    // max_exp_avg_sq (amsgrad): one small all-reduce (each entry is non-zero on its
    // owner only). Gloo reduces a list of tensors as copies of one: one tensor here.
    const auto n = std::int64_t(m_params.size());
    auto counts = torch::zeros({n + 1}, torch::kFloat64);
    {
        auto c = counts.accessor<double, 1>();
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            if (m_owner[i] != me)
                continue;
            auto it = state.find(stateKey(m_params[i]));
            if (it == state.end())
                continue;
            c[std::int64_t(i)] = double(stepOf(*it->second));
            if (stateTensors(*it->second).size() == 3)
                c[n] = 1.0;
        }
    }
    std::vector<at::Tensor> reduce{counts};
    m_group.allReduceSum(reduce);
    const auto steps = counts.narrow(0, 0, n);
    const bool amsgrad = counts[n].item<double>() > 0;
    const int perParam = adam ? (amsgrad ? 3 : 2) : 1;
    const auto stepOfParam = steps.accessor<double, 1>();
    for (int owner = 0; owner < m_group.worldSize(); ++owner) {
        std::vector<std::size_t> idx;
        std::vector<at::Tensor> tensors;
        for (std::size_t i = 0; i < m_params.size(); ++i) {
            if (m_owner[i] != owner || stepOfParam[std::int64_t(i)] <= 0)
                continue;
            idx.push_back(i);
            if (owner == me) {
                for (auto &t : stateTensors(*state.at(stateKey(m_params[i]))))
                    tensors.push_back(t);
            } else {
                for (int k = 0; k < perParam; ++k)
                    tensors.push_back(torch::zeros_like(m_params[i], at::MemoryFormat::Preserve));
            }
        }
        if (tensors.empty())
            continue;
        std::vector<at::Tensor> flat{flatten(tensors)};
        m_group.broadcast(flat, owner);
        if (owner == me)
            continue;
        const auto parts = unflatten(flat[0], tensors);
        for (std::size_t n = 0; n < idx.size(); ++n) {
            const std::size_t i = idx[n];
            const auto step = std::int64_t(stepOfParam[std::int64_t(i)]);
            if (adam) {
                auto s = std::make_unique<torch::optim::AdamWParamState>();
                s->step(step);
                s->exp_avg(parts[n * perParam]);
                s->exp_avg_sq(parts[n * perParam + 1]);
                if (perParam == 3)
                    s->max_exp_avg_sq(parts[n * perParam + 2]);
                state[stateKey(m_params[i])] = std::move(s);
            } else {
                auto s = std::make_unique<torch::optim::SGDParamState>();
                s->momentum_buffer(parts[n]);
                state[stateKey(m_params[i])] = std::move(s);
            }
        }
    }
}

void ZeroOptimizer::releaseForeignState(torch::optim::Optimizer &optimizer)
{
    auto &state = optimizer.state();
    const int me = m_group.rank();
    for (std::size_t i = 0; i < m_params.size(); ++i)
        if (m_owner[i] != me)
            state.erase(stateKey(m_params[i]));
}

std::int64_t ZeroOptimizer::stateBytes(const torch::optim::Optimizer &optimizer)
{
    std::int64_t bytes = 0;
    for (const auto &[key, s] : const_cast<torch::optim::Optimizer &>(optimizer).state())
        for (const auto &t : stateTensors(*s))
            if (t.defined())
                bytes += std::int64_t(t.numel() * t.element_size());
    return bytes;
}

} // namespace seekbench::engine
