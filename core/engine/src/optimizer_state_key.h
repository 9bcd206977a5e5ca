#pragma once

// The key under which a LibTorch optimizer keeps a parameter's state, for code that reads
// or writes that state directly (ZeRO-1's shards, FusedAdamW).

#include <torch/optim/optimizer.h>

#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

namespace seekbench::engine {

// The optimizer keys a parameter's state by its TensorImpl: 1.13 by the pointer's text
// (c10::guts::to_string), 2.2 and later by the pointer itself (pytorch#108480). The key
// type is read from the header, so both compile.
using OptimizerStateKey = std::remove_cvref_t<decltype(std::declval<torch::optim::Optimizer &>().state())>::key_type;

template<typename Key>
Key optimizerStateKeyOf(c10::TensorImpl *impl)
{
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream text; // what c10::guts::to_string wrote
        text << static_cast<const void *>(impl);
        return text.str();
    } else {
        return static_cast<Key>(impl);
    }
}

inline OptimizerStateKey optimizerStateKey(const at::Tensor &p)
{
    return optimizerStateKeyOf<OptimizerStateKey>(p.unsafeGetTensorImpl());
}

} // namespace seekbench::engine
