#pragma once

// The LibTorch version this engine was built against (TORCH_VERSION), for `--version` and
// reports, without including torch.

#include <string>

namespace seekbench::engine {

std::string torchVersion();

} // namespace seekbench::engine
