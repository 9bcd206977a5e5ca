#pragma once

// Reader for the IDX format of (Fashion-)MNIST, gzipped or plain (zlib's gzread reads
// both). Torch-free. Every check names the file: a wrong magic number, a dimension
// count that does not fit, a truncated file, trailing bytes, and a count mismatch
// between an image file and its label file.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace seekbench {

class IdxError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct IdxArray
{
    std::vector<std::int32_t> dims; // e.g. {60000, 28, 28} or {60000}
    std::vector<std::uint8_t> data; // row-major, unsigned bytes (type code 0x08)
    std::int64_t count() const { return dims.empty() ? 0 : dims[0]; }
};

// Reads an unsigned-byte IDX file with `expectedDims` dimensions (1 for labels, 3 for
// images). Throws IdxError naming the file and the problem.
IdxArray readIdxFile(const std::filesystem::path &path, int expectedDims);

struct LabelledImages
{
    int rows = 0, cols = 0;
    std::int64_t count = 0;
    std::vector<std::uint8_t> pixels; // count * rows * cols
    std::vector<std::uint8_t> labels; // count, each < classes
};

// An image file and its label file. Throws IdxError when the counts differ or a label is
// not below `classes`.
LabelledImages readLabelledImages(const std::filesystem::path &images, const std::filesystem::path &labels,
                                  int classes = 10);

// The Fashion-MNIST split ("train" or "test") in `dir`, as Debian installs it:
// <dir>/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz.
LabelledImages readFashionMnist(const std::filesystem::path &dir, const std::string &split);

} // namespace seekbench
