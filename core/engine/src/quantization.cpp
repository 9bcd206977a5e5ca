#include "quantization.h"

#include <ATen/Context.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace seekbench::engine {

std::string selectQuantizedEngine()
{
    static std::once_flag once;
    static std::string chosen;
    static std::string problem;
    std::call_once(once, [] {
        const auto &engines = at::globalContext().supportedQEngines();
        auto has = [&](at::QEngine e) { return std::find(engines.begin(), engines.end(), e) != engines.end(); };
        const std::pair<at::QEngine, const char *> order[]
            = {{at::QEngine::ONEDNN, "onednn"}, {at::QEngine::FBGEMM, "fbgemm"}, {at::QEngine::QNNPACK, "qnnpack"}};
        for (const auto &[engine, name] : order)
            if (has(engine)) {
                at::globalContext().setQEngine(engine);
                chosen = name;
                return;
            }
        problem = "this LibTorch has no quantized engine (oneDNN, FBGEMM or QNNPACK), so INT8 is unavailable";
    });
    if (chosen.empty())
        throw std::runtime_error(problem);
    return chosen;
}

} // namespace seekbench::engine
