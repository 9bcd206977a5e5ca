#include "quantization.h"

#include <ATen/Context.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
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

bool quantizedEngineAvailable()
{
    const auto &engines = at::globalContext().supportedQEngines();
    return std::any_of(engines.begin(), engines.end(), [](at::QEngine e) { return e != at::QEngine::NoQEngine; });
}

Int8Kind chooseInt8Kind()
{
    const char *forced = std::getenv("SEEKBENCH_INT8_WEIGHT_ONLY");
    if ((forced && std::strcmp(forced, "1") == 0) || !quantizedEngineAvailable())
        return Int8Kind::WeightOnly;
    return Int8Kind::Dynamic;
}

std::string int8KindName(Int8Kind kind) { return kind == Int8Kind::Dynamic ? "int8_dynamic" : "int8_weight_only"; }

} // namespace seekbench::engine
