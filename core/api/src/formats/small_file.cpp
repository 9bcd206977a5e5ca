#include "seekbench/formats/small_file.h"

#include <fstream>

namespace seekbench {

namespace fs = std::filesystem;

std::string byteSizeText(std::size_t bytes)
{
    if (bytes >= (std::size_t(1) << 20) && bytes % (std::size_t(1) << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string regularFileProblem(const fs::path &path)
{
    std::error_code ec;
    const fs::file_status s = fs::status(path, ec);
    if (ec || !fs::exists(s))
        return "no such file";
    if (fs::is_directory(s))
        return "it is a directory";
    if (!fs::is_regular_file(s))
        return "it is not a regular file (a device, a pipe or a socket)";
    return {};
}

SmallFileRead readSmallFile(const fs::path &path, std::size_t maxBytes, bool allowEmpty)
{
    SmallFileRead r;
    std::error_code ec;
    const fs::file_status s = fs::status(path, ec);
    if (ec || !fs::exists(s)) {
        r.problem = "no such file";
        return r;
    }
    if (fs::is_directory(s)) {
        r.problem = "it is a directory";
        return r;
    }
    const std::string tooLarge = "it is larger than " + byteSizeText(maxBytes);
    // The size is checked first for a file; a device or a pipe is read up to the cap.
    if (fs::is_regular_file(s) && fs::file_size(path, ec) > maxBytes && !ec) {
        r.problem = tooLarge;
        return r;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        r.problem = "cannot be read";
        return r;
    }
    r.text.resize(maxBytes + 1);
    in.read(r.text.data(), static_cast<std::streamsize>(r.text.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (in.bad()) {
        r.text.clear();
        r.problem = "cannot be read";
        return r;
    }
    r.text.resize(got);
    if (got > maxBytes) {
        r.text.clear();
        r.problem = tooLarge;
    } else if (got == 0 && !allowEmpty) {
        r.problem = "it is empty";
    }
    return r;
}

} // namespace seekbench
