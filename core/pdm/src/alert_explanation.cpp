#include "seekbench/pdm/alert_explanation.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace seekbench::pdm {

namespace {

using nlohmann::json;

json finite(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

float readNumber(const json &o, const char *name, const std::string &where)
{
    const auto it = o.find(name);
    if (it == o.end() || !(it->is_number() || it->is_null()))
        throw std::invalid_argument("alert explanation: " + where + "." + name + " is not a number");
    return it->is_null() ? std::nanf("") : it->get<float>();
}

std::string readText(const json &o, const char *name, const std::string &where)
{
    const auto it = o.find(name);
    if (it == o.end() || !it->is_string())
        throw std::invalid_argument("alert explanation: " + where + "." + name + " is not text");
    return it->get<std::string>();
}

} // namespace

std::string alertExplanationJson(const AlertExplanation &e)
{
    json top = json::array();
    for (const FeatureContribution &c : e.top)
        top.push_back({{"feature", c.name}, {"value", finite(c.value)}, {"contribution", finite(c.contribution)}});
    return json{{"mode", e.mode},         {"score", finite(e.score)}, {"margin", finite(e.margin)},
                {"bias", finite(e.bias)}, {"note", e.note},           {"top", top}}
        .dump();
}

AlertExplanation parseAlertExplanation(const std::string &text)
{
    const json o = json::parse(text, nullptr, false);
    if (o.is_discarded() || !o.is_object())
        throw std::invalid_argument("alert explanation: not a JSON object");
    AlertExplanation e;
    e.mode = readText(o, "mode", "explanation");
    e.score = readNumber(o, "score", "explanation");
    e.margin = readNumber(o, "margin", "explanation");
    e.bias = readNumber(o, "bias", "explanation");
    e.note = readText(o, "note", "explanation");
    const auto top = o.find("top");
    if (top == o.end() || !top->is_array())
        throw std::invalid_argument("alert explanation: explanation.top is not a list");
    for (std::size_t i = 0; i < top->size(); ++i) {
        const std::string where = "top[" + std::to_string(i) + "]";
        const json &c = (*top)[i];
        if (!c.is_object())
            throw std::invalid_argument("alert explanation: " + where + " is not an object");
        e.top.push_back(
            {readText(c, "feature", where), readNumber(c, "value", where), readNumber(c, "contribution", where)});
    }
    return e;
}

} // namespace seekbench::pdm
