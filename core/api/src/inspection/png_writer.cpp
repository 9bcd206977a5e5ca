// A minimal PNG encoder: IHDR, one zlib-compressed IDAT (filter 0 on every row), IEND.

#include "seekbench/inspection/attention_inspection.h"

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <stdexcept>

namespace seekbench {
namespace {

void put32(std::string &out, std::uint32_t v)
{
    out.push_back(char(v >> 24));
    out.push_back(char(v >> 16));
    out.push_back(char(v >> 8));
    out.push_back(char(v));
}

void chunk(std::string &out, const char *type, const std::string &data)
{
    put32(out, std::uint32_t(data.size()));
    std::string body(type, 4);
    body += data;
    out += body;
    put32(out, std::uint32_t(crc32(0, reinterpret_cast<const Bytef *>(body.data()), uInt(body.size()))));
}

} // namespace

std::string encodePng(const RgbImage &image)
{
    if (image.width <= 0 || image.height <= 0
        || image.rgb.size() != std::size_t(image.width) * std::size_t(image.height) * 3)
        throw std::invalid_argument("the image is empty or inconsistent");
    std::string raw;
    const std::size_t stride = std::size_t(image.width) * 3;
    raw.reserve((stride + 1) * std::size_t(image.height));
    for (int y = 0; y < image.height; ++y) {
        raw.push_back('\0'); // filter: none
        raw.append(reinterpret_cast<const char *>(image.rgb.data()) + std::size_t(y) * stride, stride);
    }
    uLongf packedSize = compressBound(uLong(raw.size()));
    std::string packed(packedSize, '\0');
    if (compress2(reinterpret_cast<Bytef *>(packed.data()), &packedSize, reinterpret_cast<const Bytef *>(raw.data()),
                  uLong(raw.size()), 6)
        != Z_OK)
        throw std::runtime_error("zlib compression failed");
    packed.resize(packedSize);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    put32(ihdr, std::uint32_t(image.width));
    put32(ihdr, std::uint32_t(image.height));
    ihdr += std::string("\x08\x02\x00\x00\x00", 5); // 8 bits, RGB, deflate, filter 0, no interlace
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", packed);
    chunk(png, "IEND", "");
    return png;
}

void writePng(const std::filesystem::path &path, const RgbImage &image)
{
    std::string png;
    try {
        png = encodePng(image);
    } catch (const std::exception &e) {
        throw std::runtime_error("cannot write " + path.string() + ": " + e.what());
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(png.data(), std::streamsize(png.size()));
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace seekbench
