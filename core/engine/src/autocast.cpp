#include "autocast.h"

#include "torch_compat.h"

namespace seekbench::engine {

AutocastGuard::AutocastGuard(bool enabled, bool cuda, at::ScalarType dtype) : m_active(enabled), m_cuda(cuda)
{
    if (!m_active)
        return;
    m_prevEnabled = compat::autocastEnabled(cuda);
    m_prevDtype = compat::autocastDtype(cuda);
    compat::setAutocastEnabled(cuda, true);
    compat::setAutocastDtype(cuda, dtype);
    at::autocast::increment_nesting();
}

AutocastGuard::~AutocastGuard()
{
    if (!m_active)
        return;
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    compat::setAutocastEnabled(m_cuda, m_prevEnabled);
    compat::setAutocastDtype(m_cuda, m_prevDtype);
}

} // namespace seekbench::engine
