#pragma once

// Reading a small, untrusted text file whole (a run config, a Hugging Face config.json, a
// cluster profile, a project manifest) with a cap on what is read: a directory, an empty
// file, or a huge one (a 3 GB file, /dev/zero) is refused by name, never read into memory.
// A pipe (`--config <(...)`) is read up to the cap.

#include <cstddef>
#include <filesystem>
#include <string>

namespace seekbench {

// A config is a few kilobytes; 1 MiB leaves room and bounds memory.
inline constexpr std::size_t kMaxSmallFileBytes = std::size_t(1) << 20;

struct SmallFileRead
{
    std::string text;
    // Empty when the file was read; else why not, without the path: "no such file", "it is a
    // directory", "it is empty", "it is larger than 1 MiB", "cannot be read".
    std::string problem;
    bool ok() const { return problem.empty(); }
};

// Reads `path` whole when it is at most `maxBytes` long. An empty file is a problem unless
// `allowEmpty`.
SmallFileRead readSmallFile(const std::filesystem::path &path, std::size_t maxBytes = kMaxSmallFileBytes,
                            bool allowEmpty = false);

// "" for an existing regular file (links followed); else why it is not one, without the
// path: "no such file", "it is a directory", "it is not a regular file (a device, a pipe or
// a socket)". For inputs read in bulk (a CSV import), which must be files.
std::string regularFileProblem(const std::filesystem::path &path);

// "1 MiB", "64 KiB", "512 bytes": a limit as an error message names it.
std::string byteSizeText(std::size_t bytes);

} // namespace seekbench
