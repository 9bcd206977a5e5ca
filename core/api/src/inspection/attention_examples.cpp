#include "seekbench/inspection/attention_examples.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace seekbench {

using nlohmann::json;

AttentionInspection keepReportedMap(AttentionInspection a)
{
    const AttentionMap *chosen = nullptr;
    for (const auto &m : a.maps)
        if (m.kind == "text_to_image" && (!chosen || m.layer >= chosen->layer))
            chosen = &m;
    if (!chosen)
        for (const auto &m : a.maps)
            if (m.kind == "image_self" && (!chosen || m.layer >= chosen->layer))
                chosen = &m;
    std::vector<AttentionMap> kept;
    if (chosen) {
        kept.push_back(*chosen);
        kept.back().gradients.clear();
    }
    a.maps = std::move(kept);
    return a;
}

std::string toJson(const AttentionExamples &e)
{
    json examples = json::array();
    for (const auto &a : e.examples)
        examples.push_back(json::parse(toJson(a)));
    return json{{"format", "seekbench-attention-examples-1"},
                {"step", e.step},
                {"split", e.split},
                {"examples", std::move(examples)}}
        .dump();
}

AttentionExamples attentionExamplesFromJson(const std::string &text)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("attention examples: ") + e.what());
    }
    if (!j.is_object() || j.value("format", std::string()) != "seekbench-attention-examples-1")
        throw std::invalid_argument("attention examples: format is not seekbench-attention-examples-1");
    AttentionExamples out;
    try {
        out.step = j.at("step").get<std::int64_t>();
        out.split = j.at("split").get<std::string>();
        const auto &list = j.at("examples");
        if (!list.is_array())
            throw std::invalid_argument("attention examples: examples is not a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            try {
                out.examples.push_back(attentionInspectionFromJson(list[i].dump()));
            } catch (const std::invalid_argument &e) {
                throw std::invalid_argument("attention examples: example " + std::to_string(i + 1) + ": " + e.what());
            }
        }
    } catch (const json::exception &e) {
        throw std::invalid_argument(std::string("attention examples: ") + e.what());
    }
    return out;
}

} // namespace seekbench
