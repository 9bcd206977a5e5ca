#include "seekbench/replies/export_replies.h"

#include "reply_json.h"

#include <cstdint>

namespace seekbench::replies {

using detail::parseObject;
using detail::required;

std::string ModelExportReply::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const File &f : files)
        list.push_back({{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}});
    nlohmann::json j{{"run", run},
                     {"format", format},
                     {"step", step},
                     {"checkpoint", checkpoint},
                     {"model", model},
                     {"tensors", tensors},
                     {"parameters", parameters},
                     {"files", list}};
    if (!int8Report.empty())
        j["int8"] = nlohmann::json::parse(int8Report);
    return j.dump();
}

ModelExportReply ModelExportReply::fromJson(const std::string &document)
{
    const std::string what = "export reply";
    const nlohmann::json j = parseObject(what, document);
    ModelExportReply r;
    r.run = required<std::string>(what, j, "run", "a string");
    r.format = required<std::string>(what, j, "format", "a string");
    r.step = required<std::int64_t>(what, j, "step", "an integer");
    r.checkpoint = required<std::string>(what, j, "checkpoint", "a string");
    r.model = required<std::string>(what, j, "model", "a string");
    r.tensors = required<std::int64_t>(what, j, "tensors", "an integer");
    r.parameters = required<std::int64_t>(what, j, "parameters", "an integer");
    if (!j.contains("files") || !j.at("files").is_array())
        throw std::invalid_argument(what + ": key 'files' must be an array");
    for (const nlohmann::json &f : j.at("files")) {
        if (!f.is_object())
            throw std::invalid_argument(what + ": key 'files' must hold objects");
        r.files.push_back({required<std::string>(what, f, "path", "a string"),
                           required<std::string>(what, f, "sha256", "a string"),
                           required<std::int64_t>(what, f, "bytes", "an integer")});
    }
    if (j.contains("int8")) {
        if (!j.at("int8").is_object())
            throw std::invalid_argument(what + ": key 'int8' must be an object");
        r.int8Report = j.at("int8").dump();
    }
    return r;
}

} // namespace seekbench::replies
