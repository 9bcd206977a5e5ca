// Five (or --steps N) training steps of the tiny cross-modal model with the attention
// capture compiled in but off. Built twice from the same sources: bench_capture_steps
// (as shipped) and bench_capture_steps_nocapture (SEEKBENCH_NO_ATTENTION_CAPTURE: the
// capture branch compiled out). bench_capture.py runs both under callgrind (instruction
// counts of the steps only, via client requests) and wall-clock in ABAB order.
//
//   bench_capture_steps [--steps 5] [--batch N]

#include "crossmodal_model.h"

#include "seekbench/config/config_io.h"
#include "seekbench/formats/fashion_captions.h"

#include <torch/torch.h>
#include <valgrind/callgrind.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace seekbench;

int main(int argc, char **argv)
{
    int steps = 5, batch = 0; // --batch N: N images instead of the config's batch (the perf-smoke check)
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--steps") == 0)
            steps = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--batch") == 0)
            batch = std::atoi(argv[i + 1]);
    }
    at::set_num_threads(1);
    const auto load = loadRunConfig(std::string(SEEKBENCH_SOURCE_DIR) + "/resources/configs/crossmodal_tiny.yaml");
    RunConfig c = load.config;
    torch::manual_seed(1);
    engine::CrossModalModel model(c);
    torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(1e-3));
    const int B = batch > 0 ? batch : c.training.batch_size, K = 1 + c.crossmodal.negatives;
    const auto images = torch::randn({B, 1, 28, 28});
    const auto ids = torch::randint(1, captionVocabularySize(), {B * K, kCaptionTokens}, torch::kLong);
    const auto mask = torch::ones({B * K, kCaptionTokens}, torch::kBool);
    const auto target = torch::zeros({B}, torch::kLong);
    auto step = [&] {
        opt.zero_grad();
        auto aux = torch::zeros({});
        const auto img = model->encodeImage(images, aux);
        const auto txt = model->encodeText(ids, mask, aux);
        const auto pairImage = torch::arange(B, torch::kLong).repeat_interleave(K);
        const auto out = model->match(img.index_select(0, pairImage), txt, mask, aux);
        const auto loss = torch::cross_entropy_loss(out.logits.view({B, K}), target);
        loss.backward();
        opt.step();
        return loss.item<double>();
    };
    step(); // warm-up: allocator and one-time initialisation outside the measurement
    CALLGRIND_ZERO_STATS;
    CALLGRIND_START_INSTRUMENTATION;
    const auto t0 = std::chrono::steady_clock::now();
    double last = 0;
    for (int i = 0; i < steps; ++i)
        last = step();
    const auto t1 = std::chrono::steady_clock::now();
    CALLGRIND_STOP_INSTRUMENTATION;
    std::printf("{\"steps\": %d, \"seconds\": %.6f, \"loss\": %.9g}\n", steps,
                std::chrono::duration<double>(t1 - t0).count(), last);
    return 0;
}
