#include "seekbench/export/serving_settings.h"

#include <cctype>
#include <regex>

namespace seekbench {

std::string defaultServedModelName(const std::filesystem::path &exportDir)
{
    std::filesystem::path dir = exportDir.lexically_normal();
    if (dir.filename().empty()) // "runs/x/" normalises with a trailing separator
        dir = dir.parent_path();
    if (dir.filename() == "1")
        dir = dir.parent_path();
    std::string name = dir.filename().string().substr(0, 64);
    for (char &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
            c = '-';
    return name.empty() || name == "." || name == ".." ? "model" : name;
}

std::vector<std::string> servingSettingsProblems(const ServingSettings &s)
{
    std::vector<std::string> p;
    static const std::regex name("[A-Za-z0-9_.-]{1,64}");
    if (!std::regex_match(s.modelName, name) || s.modelName == "." || s.modelName == "..")
        p.push_back("model name '" + s.modelName + "' must be 1-64 letters, digits, '_', '.' or '-'");
    if (s.maxBatchSize < 1 || s.maxBatchSize > 4096)
        p.push_back("max_batch_size must be in 1..4096 (it is " + std::to_string(s.maxBatchSize) + ")");
    int last = 0;
    for (int size : s.preferredBatchSizes) {
        if (size < 1 || size > s.maxBatchSize)
            p.push_back("preferred_batch_size " + std::to_string(size) + " must be in 1..max_batch_size ("
                        + std::to_string(s.maxBatchSize) + ")");
        else if (size <= last)
            p.push_back("preferred_batch_size must be ascending without repeats (" + std::to_string(size) + " after "
                        + std::to_string(last) + ")");
        last = size;
    }
    if (s.maxQueueDelayUs < 0 || s.maxQueueDelayUs > 10000000)
        p.push_back("max_queue_delay_microseconds must be in 0..10000000");
    if (s.instances < 1 || s.instances > 64)
        p.push_back("instance count must be in 1..64 (it is " + std::to_string(s.instances) + ")");
    if (s.maxQueueSize < 1 || s.maxQueueSize > 1000000)
        p.push_back("max_queue_size must be in 1..1000000 (it is " + std::to_string(s.maxQueueSize) + ")");
    if (s.requestTimeoutUs < 1000)
        p.push_back("request timeout must be at least 1000 microseconds");
    return p;
}

} // namespace seekbench
