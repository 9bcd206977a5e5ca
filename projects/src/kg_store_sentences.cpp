// The sentences' entities and relations as JSON in the store, and the normalisation of
// searchable forms. The JSON is read back as untrusted: every field is checked for its
// kind and range, so a damaged row is an error naming the entry, never a crash.

#include "kg_store_rows.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <limits>

namespace seekbench::projects::kgrows {

namespace {

using nlohmann::json;

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isPunct(unsigned char c) { return c < 0x80 && std::ispunct(c); }

std::string dump(const json &j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A whole number in [low, high] at `key`, or an error naming the key.
bool integer(const json &j, const char *key, long long low, long long high, int &out, std::string &error)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) {
        error = std::string("'") + key + "' is missing or not a whole number";
        return false;
    }
    const long long v = it->get<long long>();
    if (v < low || v > high) {
        error = std::string("'") + key + "' is " + std::to_string(v) + ", outside " + std::to_string(low) + ".."
                + std::to_string(high);
        return false;
    }
    out = static_cast<int>(v);
    return true;
}

bool number(const json &j, const char *key, float &out, std::string &error)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number() || !std::isfinite(it->get<double>())) {
        error = std::string("'") + key + "' is missing or not a number";
        return false;
    }
    out = it->get<float>();
    return true;
}

bool text(const json &j, const char *key, std::string &out, std::string &error)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
        error = std::string("'") + key + "' is missing or not text";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool flag(const json &j, const char *key, bool &out, std::string &error)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_boolean()) {
        error = std::string("'") + key + "' is missing or not true/false";
        return false;
    }
    out = it->get<bool>();
    return true;
}

// The list's entries, each an object; `error` names the entry at fault.
template<typename Entry>
bool parseList(const std::string &text, const char *noun, std::vector<Entry> &out, std::string &error,
               bool (*parseEntry)(const json &, Entry &, std::string &))
{
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array()) {
        error = std::string("the ") + noun + " are not a JSON list";
        return false;
    }
    out.clear();
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
        Entry e;
        std::string why;
        if (!j[i].is_object() || !parseEntry(j[i], e, why)) {
            error = std::string(noun) + " " + std::to_string(i) + ": " + (why.empty() ? "not an object" : why);
            return false;
        }
        out.push_back(std::move(e));
    }
    return true;
}

bool parseEntity(const json &j, kg::PredictedEntity &e, std::string &error)
{
    std::string type;
    if (!integer(j, "begin", 0, std::numeric_limits<int>::max(), e.begin, error)
        || !integer(j, "end", 0, std::numeric_limits<int>::max(), e.end, error) || !text(j, "type", type, error)
        || !text(j, "concept_id", e.concept_id, error) || !flag(j, "candidate", e.candidate, error)
        || !number(j, "confidence", e.confidence, error) || !number(j, "link_score", e.link_score, error)
        || !text(j, "link_method", e.link_method, error) || !flag(j, "negated", e.negated, error)
        || !flag(j, "hedged", e.hedged, error))
        return false;
    const auto parsed = kg::parseConceptType(type);
    if (!parsed) {
        error = "unknown type '" + type + "'";
        return false;
    }
    e.type = *parsed;
    return true;
}

bool parseRelation(const json &j, kg::PredictedRelation &r, std::string &error)
{
    std::string type;
    if (!integer(j, "head", 0, std::numeric_limits<int>::max(), r.head, error)
        || !integer(j, "tail", 0, std::numeric_limits<int>::max(), r.tail, error) || !text(j, "type", type, error)
        || !number(j, "confidence", r.confidence, error))
        return false;
    const auto parsed = kg::parseRelationType(type);
    if (!parsed) {
        error = "unknown type '" + type + "'";
        return false;
    }
    r.type = *parsed;
    return true;
}

} // namespace

std::string normaliseForm(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool gap = false;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (isSpace(c) || c == '-') {
            gap = !out.empty();
            continue;
        }
        if (gap)
            out += ' ';
        gap = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    }
    std::size_t begin = 0, end = out.size();
    while (begin < end && (isPunct(static_cast<unsigned char>(out[begin])) || out[begin] == ' '))
        ++begin;
    while (end > begin && (isPunct(static_cast<unsigned char>(out[end - 1])) || out[end - 1] == ' '))
        --end;
    return out.substr(begin, end - begin);
}

std::string entitiesJson(const std::vector<kg::PredictedEntity> &entities)
{
    json list = json::array();
    for (const kg::PredictedEntity &e : entities)
        list.push_back({{"begin", e.begin},
                        {"end", e.end},
                        {"type", kg::conceptTypeName(e.type)},
                        {"concept_id", e.concept_id},
                        {"candidate", e.candidate},
                        {"confidence", e.confidence},
                        {"link_score", e.link_score},
                        {"link_method", e.link_method},
                        {"negated", e.negated},
                        {"hedged", e.hedged}});
    return dump(list);
}

std::string relationsJson(const std::vector<kg::PredictedRelation> &relations)
{
    json list = json::array();
    for (const kg::PredictedRelation &r : relations)
        list.push_back(
            {{"head", r.head}, {"tail", r.tail}, {"type", kg::relationTypeName(r.type)}, {"confidence", r.confidence}});
    return dump(list);
}

bool parseEntities(const std::string &json, std::size_t textBytes, std::vector<kg::PredictedEntity> &out,
                   std::string &error)
{
    if (!parseList<kg::PredictedEntity>(json, "entities", out, error, parseEntity))
        return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].end < out[i].begin || std::size_t(out[i].end) > textBytes) {
            error = "entity " + std::to_string(i) + ": span " + std::to_string(out[i].begin) + ".."
                    + std::to_string(out[i].end) + " is outside the text's " + std::to_string(textBytes) + " bytes";
            return false;
        }
    }
    return true;
}

bool parseRelations(const std::string &json, std::size_t entityCount, std::vector<kg::PredictedRelation> &out,
                    std::string &error)
{
    if (!parseList<kg::PredictedRelation>(json, "relations", out, error, parseRelation))
        return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (std::size_t(out[i].head) >= entityCount || std::size_t(out[i].tail) >= entityCount) {
            error = "relation " + std::to_string(i) + " links entities past the sentence's "
                    + std::to_string(entityCount);
            return false;
        }
    }
    return true;
}

} // namespace seekbench::projects::kgrows
