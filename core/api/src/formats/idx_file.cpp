#include "seekbench/formats/idx_file.h"

#include <zlib.h>

#include <cstdint>
#include <memory>

namespace seekbench {
namespace {

struct GzCloser
{
    void operator()(gzFile_s *f) const { gzclose(f); }
};

// Reads exactly n bytes; false at end of file.
bool readExactly(gzFile f, void *out, std::size_t n, const std::string &name)
{
    auto *p = static_cast<unsigned char *>(out);
    while (n > 0) {
        const unsigned chunk = unsigned(std::min<std::size_t>(n, 1u << 30));
        const int got = gzread(f, p, chunk);
        if (got < 0) {
            int err = 0;
            const char *msg = gzerror(f, &err);
            throw IdxError(name + ": cannot decompress: " + (msg ? msg : "zlib error"));
        }
        if (got == 0) {
            int err = Z_OK;
            gzerror(f, &err);
            if (err == Z_BUF_ERROR) // the gzip stream ends before its end marker
                throw IdxError(name + ": cannot decompress: the gzip stream is truncated");
            return false;
        }
        p += got;
        n -= std::size_t(got);
    }
    return true;
}

std::uint32_t bigEndian(const unsigned char *b)
{
    return (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) | (std::uint32_t(b[2]) << 8) | b[3];
}

} // namespace

IdxArray readIdxFile(const std::filesystem::path &path, int expectedDims)
{
    const std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw IdxError(name + ": no such file");
    std::unique_ptr<gzFile_s, GzCloser> f(gzopen(name.c_str(), "rb"));
    if (!f)
        throw IdxError(name + ": cannot open");
    unsigned char head[4];
    if (!readExactly(f.get(), head, 4, name))
        throw IdxError(name + ": truncated: no IDX header");
    if (head[0] != 0 || head[1] != 0)
        throw IdxError(name + ": not an IDX file (bad magic number)");
    if (head[2] != 0x08)
        throw IdxError(name + ": element type 0x" + std::to_string(head[2]) + " is not unsigned byte (0x08)");
    if (head[3] != expectedDims)
        throw IdxError(name + ": has " + std::to_string(head[3]) + " dimensions, expected "
                       + std::to_string(expectedDims));
    IdxArray out;
    std::uint64_t total = 1;
    for (int d = 0; d < expectedDims; ++d) {
        unsigned char b[4];
        if (!readExactly(f.get(), b, 4, name))
            throw IdxError(name + ": truncated in the header (dimension " + std::to_string(d) + ")");
        const std::uint32_t v = bigEndian(b);
        if (v == 0 || v > (1u << 28))
            throw IdxError(name + ": dimension " + std::to_string(d) + " is " + std::to_string(v));
        out.dims.push_back(std::int32_t(v));
        total *= v;
        if (total > (std::uint64_t(1) << 34))
            throw IdxError(name + ": implausibly large (" + std::to_string(total) + " elements)");
    }
    out.data.resize(total);
    if (!readExactly(f.get(), out.data.data(), total, name))
        throw IdxError(name + ": truncated: the header announces " + std::to_string(total) + " bytes of data");
    unsigned char extra;
    if (readExactly(f.get(), &extra, 1, name))
        throw IdxError(name + ": trailing bytes after the " + std::to_string(total) + " announced");
    return out;
}

LabelledImages readLabelledImages(const std::filesystem::path &images, const std::filesystem::path &labels, int classes)
{
    IdxArray img = readIdxFile(images, 3);
    IdxArray lab = readIdxFile(labels, 1);
    if (img.count() != lab.count())
        throw IdxError(images.string() + " has " + std::to_string(img.count()) + " images but " + labels.string()
                       + " has " + std::to_string(lab.count()) + " labels");
    for (std::size_t i = 0; i < lab.data.size(); ++i)
        if (lab.data[i] >= classes)
            throw IdxError(labels.string() + ": label " + std::to_string(lab.data[i]) + " of item " + std::to_string(i)
                           + " is not below " + std::to_string(classes));
    LabelledImages out;
    out.count = img.count();
    out.rows = img.dims[1];
    out.cols = img.dims[2];
    out.pixels = std::move(img.data);
    out.labels = std::move(lab.data);
    return out;
}

LabelledImages readFashionMnist(const std::filesystem::path &dir, const std::string &split)
{
    const std::string prefix = split == "test" ? "t10k" : split == "train" ? "train" : "";
    if (prefix.empty())
        throw IdxError("unknown Fashion-MNIST split '" + split + "' (train or test)");
    return readLabelledImages(dir / (prefix + "-images-idx3-ubyte.gz"), dir / (prefix + "-labels-idx1-ubyte.gz"));
}

} // namespace seekbench
