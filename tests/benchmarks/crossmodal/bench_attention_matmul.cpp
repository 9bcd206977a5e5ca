// The attention products of one cross-modal training step, forward and backward, through
// engine::softmaxAttention (small fp32 products in one parallel loop) against the same
// attention written with torch::matmul (LibTorch's CPU bmm: one BLAS call per matrix).
// Shapes of the example config's step: 64 images x 4 captions plus 16 images x 10
// templates = 416 pairs, 4 heads of 16, 16 patches, captions of 8 and templates of 5
// tokens, both directions. Prints ms per step for each and the ratio.
//
// bench_attention_matmul [ROUNDS=7] [THREADS=2]

#include "attention_core.h"

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

using namespace seekbench;

namespace {

struct Shape
{
    int64_t pairs, queries, keys;
};

at::Tensor referenceAttention(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const at::Tensor &keyMask)
{
    auto scores = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(double(q.size(-1))));
    if (keyMask.defined())
        scores = scores.masked_fill(keyMask.logical_not().view({q.size(0), 1, 1, k.size(2)}),
                                    -std::numeric_limits<float>::infinity());
    return torch::matmul(torch::softmax(scores, -1, torch::kFloat), v);
}

double stepMs(bool kernel, const std::vector<Shape> &shapes, int repeats)
{
    constexpr int64_t heads = 4, dim = 16;
    std::vector<std::array<at::Tensor, 4>> inputs;
    for (const auto &s : shapes) {
        auto mask = torch::ones({s.pairs, s.keys}, torch::kBool);
        if (s.keys < 16)
            mask.slice(1, s.keys - 2).fill_(false); // some padded caption tokens
        inputs.push_back({torch::randn({s.pairs, heads, s.queries, dim}, torch::requires_grad()),
                          torch::randn({s.pairs, heads, s.keys, dim}, torch::requires_grad()),
                          torch::randn({s.pairs, heads, s.keys, dim}, torch::requires_grad()),
                          s.keys < 16 ? mask : at::Tensor()});
    }
    engine::AttentionCapture off;
    auto once = [&] {
        for (auto &in : inputs) {
            const auto out = kernel ? engine::softmaxAttention(in[0], in[1], in[2], {false, in[3]}, 0.0, true, off)
                                    : referenceAttention(in[0], in[1], in[2], in[3]);
            out.sum().backward();
        }
    };
    once(); // warm-up
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < repeats; ++r)
        once();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / repeats;
}

} // namespace

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
    at::set_num_threads(argc > 2 ? std::atoi(argv[2]) : 2);
    torch::manual_seed(0);
    // Text over patches and patches over text, for the matching pairs and the template pairs.
    const std::vector<Shape> shapes{{256, 8, 16}, {256, 16, 8}, {160, 5, 16}, {160, 16, 5}};
    std::vector<double> ratios, loop, blas;
    for (int r = 0; r < rounds; ++r) { // ABAB
        const double b = stepMs(false, shapes, 3), k = stepMs(true, shapes, 3);
        blas.push_back(b);
        loop.push_back(k);
        ratios.push_back(b / k);
        std::printf("round %d: torch::matmul %.2f ms, small-matrix loop %.2f ms, ratio %.2f\n", r, b, k, b / k);
    }
    std::sort(ratios.begin(), ratios.end());
    std::sort(loop.begin(), loop.end());
    std::sort(blas.begin(), blas.end());
    const auto mid = std::size_t(rounds / 2);
    std::printf("attention products of one step (fwd + bwd): torch::matmul median %.2f ms, small-matrix loop "
                "median %.2f ms; ratio of the medians %.2f; per-pair speed-up median %.2f (min %.2f, max %.2f)\n",
                blas[mid], loop[mid], blas[mid] / loop[mid], ratios[mid], ratios.front(), ratios.back());
    return 0;
}
