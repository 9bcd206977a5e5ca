#include "seekbench/export/safetensors.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/run/cancel_token.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <stdexcept>

namespace seekbench {

std::size_t safetensorsDtypeSize(const std::string &dtype)
{
    static const std::map<std::string, std::size_t> sizes = {{"F64", 8}, {"F32", 4}, {"F16", 2}, {"BF16", 2},
                                                             {"I64", 8}, {"I32", 4}, {"I16", 2}, {"I8", 1},
                                                             {"U8", 1},  {"BOOL", 1}};
    const auto it = sizes.find(dtype);
    return it == sizes.end() ? 0 : it->second;
}

void writeSafetensors(const std::filesystem::path &path, const std::vector<SafetensorsTensor> &tensors,
                      const std::map<std::string, std::string> &metadata, const CancelToken *cancel)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::set<std::string> names;
    std::uint64_t offset = 0;
    for (const SafetensorsTensor &t : tensors) {
        if (t.name.empty() || t.name == "__metadata__")
            throw std::invalid_argument("safetensors: a tensor may not be named '" + t.name + "'");
        if (!names.insert(t.name).second)
            throw std::invalid_argument("safetensors: the tensor name '" + t.name + "' appears twice");
        const std::size_t size = safetensorsDtypeSize(t.dtype);
        if (size == 0)
            throw std::invalid_argument("safetensors: tensor '" + t.name + "' has the unknown dtype '" + t.dtype + "'");
        std::uint64_t elements = 1;
        for (std::int64_t d : t.shape) {
            if (d < 0)
                throw std::invalid_argument("safetensors: tensor '" + t.name + "' has a negative dimension");
            elements *= std::uint64_t(d);
        }
        if (elements * size != t.bytes || (t.bytes > 0 && t.data == nullptr))
            throw std::invalid_argument("safetensors: tensor '" + t.name + "' has " + std::to_string(t.bytes)
                                        + " bytes, its shape and dtype need " + std::to_string(elements * size));
        header[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.bytes}}};
        offset += t.bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' '); // the tensors' bytes start 8-byte aligned
    AtomicFile file(path, "model file");
    const std::uint64_t length = text.size(); // little-endian hosts only (x86-64, arm64)
    file.write(&length, sizeof length);
    file.write(text);
    for (const SafetensorsTensor &t : tensors) {
        if (cancel && cancel->isCancelled())
            throw CancelledError("cancelled while writing " + path.string()); // the file unlinks its temporary
        file.write(t.data, t.bytes);
    }
    file.commit();
}

} // namespace seekbench
