#pragma once

// Writing the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte
// little-endian header length N, N bytes of JSON header (padded with spaces to a multiple
// of 8), then the tensors' bytes back to back. The header maps each tensor's name to
// {"dtype", "shape", "data_offsets": [begin, end)} within the bytes, and "__metadata__"
// to string pairs. Torch-free: the engine hands over raw little-endian bytes.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace seekbench {

class CancelToken;

struct SafetensorsTensor
{
    std::string name;
    std::string dtype; // F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL
    std::vector<std::int64_t> shape;
    const void *data = nullptr; // row-major, little-endian, shape's product x dtype's size bytes
    std::size_t bytes = 0;
};

// Bytes per element of a safetensors dtype; 0 when the dtype is not one of the above.
std::size_t safetensorsDtypeSize(const std::string &dtype);

// Writes atomically (AtomicFile). Throws std::invalid_argument naming the tensor for an
// empty or repeated name, an unknown dtype, a negative dimension or a byte count that does
// not match the shape; FileWriteError for a failed write (a full disk included), leaving
// no file behind. A cancelled `cancel` (polled between tensors) throws CancelledError and
// leaves no file either.
void writeSafetensors(const std::filesystem::path &path, const std::vector<SafetensorsTensor> &tensors,
                      const std::map<std::string, std::string> &metadata = {}, const CancelToken *cancel = nullptr);

} // namespace seekbench
