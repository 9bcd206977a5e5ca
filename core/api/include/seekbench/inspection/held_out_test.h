#pragma once

// A cross-modal run's test split scored once, on one checkpoint, torch-free: what
// `seekbench-cli inspect evaluate` prints and what `train` adds to a run's final figures.
// Evaluation during training scores the validation split (eval/*); the test split is
// never seen until this score (test/*).
//
// JSON (format "seekbench-test-1"):
// {"format": "seekbench-test-1", "checkpoint": str, "step": int, "samples": int,
//  "metrics": {"test/accuracy": float, "test/loss": float, ...}}

#include <cstdint>
#include <map>
#include <string>

namespace seekbench {

struct HeldOutTest
{
    std::string checkpoint;
    std::int64_t step = 0;                 // the checkpoint's
    std::int64_t samples = 0;              // test images scored
    std::map<std::string, double> metrics; // test/<name>, the names evaluation reports as eval/<name>
};

std::string toJson(const HeldOutTest &test);

} // namespace seekbench
