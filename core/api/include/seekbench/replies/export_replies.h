#pragma once

// What `seekbench-cli export --json` prints: one JSON object on one stdout line. The CLI
// writes toJson(), the GUI reads fromJson(); fromJson throws std::invalid_argument naming
// the missing or malformed key.

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::replies {

// {"run","format","step","checkpoint","model","tensors","parameters","files":[{"path",
// "bytes","sha256"}]}; paths relative to the project.
struct ModelExportReply
{
    struct File
    {
        std::string path, sha256;
        std::int64_t bytes = 0;
    };
    std::string run, format, checkpoint, model;
    std::int64_t step = 0, tensors = 0, parameters = 0;
    std::vector<File> files;
    // --int8: the comparison with fp32 (metric, sizes, latencies; int8_report.h in the
    // engine), a JSON object as text; empty otherwise (the key "int8" is then absent).
    std::string int8Report;

    std::string toJson() const;
    static ModelExportReply fromJson(const std::string &document);
};

} // namespace seekbench::replies
