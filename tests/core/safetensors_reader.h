#pragma once

// A safetensors reader for tests, written from the format's specification
// (https://huggingface.co/docs/safetensors, "Format"), not from Seekbench's writer:
//   8 bytes: N, an unsigned little-endian 64-bit integer, the size of the header
//   N bytes: a UTF-8 JSON object; each key a tensor name (or "__metadata__", a map of
//            strings), each value {"dtype", "shape", "data_offsets": [BEGIN, END]} with
//            offsets relative to the byte buffer that follows the header
//   the rest: the byte buffer. The offsets must tile it: no holes, no overlap.
// Every rule is checked; a violation throws std::runtime_error saying which.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace test {

struct ReadTensor
{
    std::string dtype;
    std::vector<std::int64_t> shape;
    std::string bytes;
};

struct ReadSafetensors
{
    std::map<std::string, ReadTensor> tensors;
    std::map<std::string, std::string> metadata;
    std::uint64_t headerSize = 0;
    std::string headerText;
};

inline ReadSafetensors readSafetensorsBySpec(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (file.size() < 8)
        throw std::runtime_error("shorter than the 8-byte header size");
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i) // little-endian, whatever the host
        n = (n << 8) | static_cast<unsigned char>(file[std::size_t(i)]);
    if (n > file.size() - 8)
        throw std::runtime_error("the header size runs past the end of the file");
    ReadSafetensors r;
    r.headerSize = n;
    r.headerText = file.substr(8, n);
    const nlohmann::json header = nlohmann::json::parse(r.headerText);
    if (!header.is_object())
        throw std::runtime_error("the header is not a JSON object");
    const std::size_t bufferStart = 8 + n, bufferSize = file.size() - bufferStart;
    const std::map<std::string, std::size_t> sizes = {{"F64", 8}, {"F32", 4}, {"F16", 2}, {"BF16", 2}, {"I64", 8},
                                                      {"I32", 4}, {"I16", 2}, {"I8", 1},  {"U8", 1},   {"BOOL", 1}};
    std::map<std::uint64_t, std::uint64_t> spans; // begin -> end
    for (const auto &[name, v] : header.items()) {
        if (name == "__metadata__") {
            for (const auto &[k, value] : v.items())
                r.metadata[k] = value.get<std::string>();
            continue;
        }
        ReadTensor t;
        t.dtype = v.at("dtype").get<std::string>();
        if (!sizes.count(t.dtype))
            throw std::runtime_error(name + ": unknown dtype " + t.dtype);
        std::uint64_t elements = 1;
        for (const auto &d : v.at("shape")) {
            t.shape.push_back(d.get<std::int64_t>());
            elements *= d.get<std::uint64_t>();
        }
        const auto offsets = v.at("data_offsets");
        const std::uint64_t begin = offsets.at(0).get<std::uint64_t>(), end = offsets.at(1).get<std::uint64_t>();
        if (end < begin || end > bufferSize)
            throw std::runtime_error(name + ": offsets outside the buffer");
        if (end - begin != elements * sizes.at(t.dtype))
            throw std::runtime_error(name + ": its byte range does not match its shape and dtype");
        if (!spans.emplace(begin, end).second && begin != end)
            throw std::runtime_error(name + ": two tensors start at the same offset");
        t.bytes = file.substr(bufferStart + begin, end - begin);
        r.tensors.emplace(name, std::move(t));
    }
    std::uint64_t at = 0;
    for (const auto &[begin, end] : spans) {
        if (begin != at)
            throw std::runtime_error("the tensors leave a hole or overlap at byte " + std::to_string(at));
        at = end;
    }
    if (at != bufferSize)
        throw std::runtime_error("bytes after the last tensor");
    return r;
}

} // namespace test
