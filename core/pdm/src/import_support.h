#pragma once

// What the pdm importers (import.cpp, event_log_import.cpp, cmapss.cpp) share: opening a
// file, the checks on a name read from a file, and their bad lines with the file's name.

#include "seekbench/formats/small_file.h"
#include "seekbench/pdm/import.h"
#include "seekbench/text/csv_line.h"
#include "seekbench/text/terminal_text.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace seekbench::pdm {

inline constexpr const char *kNotATimestamp = " is not an ISO 8601 UTC time or epoch seconds";

// Opens `path` for reading; false with `error` naming the file when it is not a regular file
// or cannot be read.
// The whole text as a finite float (a double's range beyond a float's is refused); false
// when it is not one.
inline bool parseFiniteFloat(const std::string &text, float &value)
{
    char *end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v) || std::fabs(v) > FLT_MAX)
        return false;
    value = float(v);
    return true;
}

inline bool openImportFile(const std::filesystem::path &path, std::ifstream &in, std::string &error)
{
    if (const std::string problem = regularFileProblem(path); !problem.empty()) {
        error = path.string() + ": " + problem;
        return false;
    }
    in.open(path, std::ios::binary);
    if (!in) {
        error = path.string() + ": cannot be read";
        return false;
    }
    return true;
}

// "" or why a machine, sensor or failure mode name read from a file cannot be used.
inline std::string nameProblem(const std::string &column, const std::string &name)
{
    if (name.empty())
        return column + ": empty";
    if (const std::string c = firstControlCharacter(name); !c.empty())
        return column + ": " + csvShown(name) + " holds a control character (" + c + ")";
    return {};
}

inline std::vector<BadLine> badLinesOf(CsvLineReader &reader, const std::string &file)
{
    std::vector<BadLine> bad;
    bad.reserve(reader.badLines().size());
    for (auto &b : reader.badLines())
        bad.push_back({file, b.line, std::move(b.reason), std::move(b.text)});
    return bad;
}

} // namespace seekbench::pdm
