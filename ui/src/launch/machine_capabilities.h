#pragma once

#include "seekbench/config/validation.h"

namespace seekbench::ui {

// What this build and machine offer, as seekbench-cli would see it, without loading
// torch: the build's CUDA support is a compile definition (SEEKBENCH_HAS_CUDA), and a
// device is present when the NVIDIA driver lists one in /proc/driver/nvidia/gpus.
seekbench::BuildCapabilities machineCapabilities();

} // namespace seekbench::ui
