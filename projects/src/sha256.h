#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace seekbench::projects {

// SHA-256 of a file, lowercase hex (FIPS 180-4). Artifacts carry it so that a copied or
// moved project can be checked. Throws ProjectError(Io) when the file cannot be read.
std::string sha256File(const std::filesystem::path &file, std::int64_t *bytes = nullptr);
std::string sha256(const std::string &data);

} // namespace seekbench::projects
