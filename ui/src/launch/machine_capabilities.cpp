#include "launch/machine_capabilities.h"

#include <QDir>

namespace seekbench::ui {

seekbench::BuildCapabilities machineCapabilities()
{
    seekbench::BuildCapabilities caps;
#ifdef SEEKBENCH_HAS_CUDA
    caps.cudaBuild = true;
#endif
#ifdef SEEKBENCH_HAS_NCCL
    caps.nccl = true; // the same answer as the engine's, from the LibTorch CMake found
#endif
    // A directory listing: cheap enough for every dialog opening, no driver call.
    caps.cudaDevice = caps.cudaBuild && !QDir(QStringLiteral("/proc/driver/nvidia/gpus")).isEmpty();
    return caps;
}

} // namespace seekbench::ui
