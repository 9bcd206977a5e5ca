#include "seekbench/inspection/held_out_test.h"

#include <nlohmann/json.hpp>

namespace seekbench {

std::string toJson(const HeldOutTest &test)
{
    return nlohmann::json{{"format", "seekbench-test-1"},
                          {"checkpoint", test.checkpoint},
                          {"step", test.step},
                          {"samples", test.samples},
                          {"metrics", test.metrics}}
        .dump();
}

} // namespace seekbench
