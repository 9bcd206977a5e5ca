#pragma once

#include <c10/core/ScalarType.h>

namespace seekbench::engine {

// RAII autocast region (LibTorch 1.13 has no C++ guard). Disabled guards do nothing.
// On exit the weight-cast cache is cleared once the outermost region closes, as Python's
// torch.autocast does.
class AutocastGuard
{
public:
    AutocastGuard(bool enabled, bool cuda, at::ScalarType dtype);
    ~AutocastGuard();
    AutocastGuard(const AutocastGuard &) = delete;
    AutocastGuard &operator=(const AutocastGuard &) = delete;

private:
    bool m_active;
    bool m_cuda;
    bool m_prevEnabled = false;
    at::ScalarType m_prevDtype = at::kFloat;
};

} // namespace seekbench::engine
