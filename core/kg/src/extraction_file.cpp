// The model's outputs file: compact JSON for the predictions and the prototypes' ids, a
// .f32 file beside it (same stem) for every float vector, so the JSON stays small. The
// .f32 holds, in order, the embeddings of the entities that have one ("embedded": true),
// then the prototypes; its size must be exactly what the JSON announces.

#include "seekbench/formats/atomic_file.h"
#include "seekbench/kg/extraction.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace seekbench::kg {

static_assert(std::endian::native == std::endian::little, "the .f32 file is little-endian, written in host order");

namespace {

using nlohmann::json;

constexpr const char *kFormat = "seekbench-kg-outputs";
constexpr int kMaxDim = 1 << 16;
constexpr std::uint64_t kMaxJsonBytes = std::uint64_t(1) << 31;

std::filesystem::path floatsPath(const std::string &jsonPath)
{
    return std::filesystem::path(jsonPath).replace_extension(".f32");
}

// A damaged field: the message names it; the reader adds the file.
struct FieldError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

const json &field(const json &object, const char *name, const std::string &where)
{
    if (!object.is_object())
        throw FieldError(where + ": not an object");
    const auto it = object.find(name);
    if (it == object.end())
        throw FieldError(where + "." + name + ": missing");
    return *it;
}

std::string stringField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_string())
        throw FieldError(where + "." + name + ": not a string");
    return value.get<std::string>();
}

std::int64_t intField(const json &object, const char *name, const std::string &where, std::int64_t low,
                      std::int64_t high)
{
    const json &value = field(object, name, where);
    if (!value.is_number_integer())
        throw FieldError(where + "." + name + ": not an integer");
    const auto v = value.get<std::int64_t>();
    if (v < low || v > high)
        throw FieldError(where + "." + name + ": " + std::to_string(v) + " is outside [" + std::to_string(low) + ", "
                         + std::to_string(high) + "]");
    return v;
}

float numberField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_number())
        throw FieldError(where + "." + name + ": not a number");
    return value.get<float>();
}

bool boolField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_boolean())
        throw FieldError(where + "." + name + ": not true or false");
    return value.get<bool>();
}

const json &arrayField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_array())
        throw FieldError(where + "." + name + ": not an array");
    return value;
}

json entityJson(const PredictedEntity &e)
{
    return json{{"begin", e.begin},
                {"end", e.end},
                {"type", std::string(conceptTypeName(e.type))},
                {"confidence", e.confidence},
                {"concept", e.concept_id},
                {"candidate", e.candidate},
                {"link_score", e.link_score},
                {"link_method", e.link_method},
                {"negated", e.negated},
                {"hedged", e.hedged},
                {"embedded", !e.embedding.empty()}};
}

PredictedEntity entityFromJson(const json &j, const std::string &where, bool &embedded)
{
    PredictedEntity e;
    e.begin = static_cast<int>(intField(j, "begin", where, 0, std::numeric_limits<int>::max()));
    e.end = static_cast<int>(intField(j, "end", where, e.begin, std::numeric_limits<int>::max()));
    const std::string type = stringField(j, "type", where);
    const auto parsed = parseConceptType(type);
    if (!parsed)
        throw FieldError(where + ".type: unknown concept type '" + type + "'");
    e.type = *parsed;
    e.confidence = numberField(j, "confidence", where);
    e.concept_id = stringField(j, "concept", where);
    e.candidate = boolField(j, "candidate", where);
    e.link_score = numberField(j, "link_score", where);
    e.link_method = stringField(j, "link_method", where);
    e.negated = boolField(j, "negated", where);
    e.hedged = boolField(j, "hedged", where);
    embedded = boolField(j, "embedded", where);
    return e;
}

} // namespace

bool writeExtractionOutputs(const std::string &jsonPath, const ExtractionOutputs &outputs, std::string &error)
{
    if (outputs.dim < 0 || outputs.dim > kMaxDim) {
        error = "cannot write " + jsonPath + ": embedding size " + std::to_string(outputs.dim) + " is out of range";
        return false;
    }
    const auto dim = static_cast<std::size_t>(outputs.dim);
    if (outputs.prototypes.size() != outputs.prototype_ids.size() * dim
        || outputs.prototype_counts.size() != outputs.prototype_ids.size()) {
        error = "cannot write " + jsonPath + ": " + std::to_string(outputs.prototype_ids.size())
                + " prototype ids do not fit " + std::to_string(outputs.prototypes.size()) + " floats and "
                + std::to_string(outputs.prototype_counts.size()) + " counts";
        return false;
    }
    std::vector<float> floats;
    json sentences = json::array();
    std::int64_t embedded = 0;
    for (std::size_t s = 0; s < outputs.sentences.size(); ++s) {
        const SentencePrediction &p = outputs.sentences[s];
        json entities = json::array();
        for (std::size_t i = 0; i < p.entities.size(); ++i) {
            const PredictedEntity &e = p.entities[i];
            if (!e.embedding.empty()) {
                if (e.embedding.size() != dim) {
                    error = "cannot write " + jsonPath + ": sentences[" + std::to_string(s) + "].entities["
                            + std::to_string(i) + "] has an embedding of " + std::to_string(e.embedding.size())
                            + " floats, not " + std::to_string(dim);
                    return false;
                }
                floats.insert(floats.end(), e.embedding.begin(), e.embedding.end());
                ++embedded;
            }
            entities.push_back(entityJson(e));
        }
        json relations = json::array();
        for (const PredictedRelation &r : p.relations)
            relations.push_back(json{{"head", r.head},
                                     {"tail", r.tail},
                                     {"type", std::string(relationTypeName(r.type))},
                                     {"confidence", r.confidence}});
        sentences.push_back(json{{"id", p.sentence_id}, {"entities", entities}, {"relations", relations}});
    }
    floats.insert(floats.end(), outputs.prototypes.begin(), outputs.prototypes.end());
    const json root{{"format", kFormat},
                    {"version", 1},
                    {"run_id", outputs.run_id},
                    {"checkpoint", outputs.checkpoint},
                    {"corpus", outputs.corpus},
                    {"dim", outputs.dim},
                    {"embedded_entities", embedded},
                    {"sentences", sentences},
                    {"prototype_ids", outputs.prototype_ids},
                    {"prototype_counts", outputs.prototype_counts}};
    try {
        // The floats first: a reader that finds the new JSON also finds its floats.
        AtomicFile f32(floatsPath(jsonPath), "extraction embeddings");
        f32.write(floats.data(), floats.size() * sizeof(float));
        f32.commit();
        AtomicFile file(jsonPath, "extraction outputs");
        file.write(root.dump());
        file.commit();
    } catch (const std::exception &e) {
        error = e.what();
        return false;
    }
    return true;
}

std::optional<ExtractionOutputs> readExtractionOutputs(const std::string &jsonPath, std::string &error)
{
    std::error_code ec;
    const auto jsonBytes = std::filesystem::file_size(jsonPath, ec);
    if (ec || !std::filesystem::is_regular_file(jsonPath, ec)) {
        error = jsonPath + ": no such file";
        return std::nullopt;
    }
    if (jsonBytes > kMaxJsonBytes) {
        error = jsonPath + ": the file is too large (" + std::to_string(jsonBytes) + " bytes)";
        return std::nullopt;
    }
    const auto f32Path = floatsPath(jsonPath);
    const auto floatBytes = std::filesystem::file_size(f32Path, ec);
    if (ec) {
        error = f32Path.string() + ": no such file (the embeddings of " + jsonPath + ")";
        return std::nullopt;
    }
    ExtractionOutputs out;
    std::vector<char> embeddedFlags; // per entity in order, to attach the floats after the size check
    try {
        std::ifstream in(jsonPath, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        const json root = json::parse(text.str());
        if (stringField(root, "format", "") != kFormat)
            throw FieldError("format: not " + std::string(kFormat));
        intField(root, "version", "", 1, 1);
        out.run_id = stringField(root, "run_id", "");
        out.checkpoint = stringField(root, "checkpoint", "");
        out.corpus = stringField(root, "corpus", "");
        out.dim = static_cast<int>(intField(root, "dim", "", 0, kMaxDim));
        const auto embedded = intField(root, "embedded_entities", "", 0, std::numeric_limits<std::int32_t>::max());
        const json &sentences = arrayField(root, "sentences", "");
        out.sentences.reserve(sentences.size());
        for (std::size_t s = 0; s < sentences.size(); ++s) {
            const std::string where = "sentences[" + std::to_string(s) + "]";
            SentencePrediction p;
            p.sentence_id = stringField(sentences[s], "id", where);
            const json &entities = arrayField(sentences[s], "entities", where);
            for (std::size_t i = 0; i < entities.size(); ++i) {
                bool hasEmbedding = false;
                p.entities.push_back(
                    entityFromJson(entities[i], where + ".entities[" + std::to_string(i) + "]", hasEmbedding));
                embeddedFlags.push_back(hasEmbedding ? 1 : 0);
            }
            const json &relations = arrayField(sentences[s], "relations", where);
            for (std::size_t i = 0; i < relations.size(); ++i) {
                const std::string at = where + ".relations[" + std::to_string(i) + "]";
                PredictedRelation r;
                const auto last = static_cast<std::int64_t>(p.entities.size()) - 1;
                r.head = static_cast<int>(intField(relations[i], "head", at, 0, last));
                r.tail = static_cast<int>(intField(relations[i], "tail", at, 0, last));
                const std::string type = stringField(relations[i], "type", at);
                const auto parsed = parseRelationType(type);
                if (!parsed)
                    throw FieldError(at + ".type: unknown relation type '" + type + "'");
                r.type = *parsed;
                r.confidence = numberField(relations[i], "confidence", at);
                p.relations.push_back(r);
            }
            out.sentences.push_back(std::move(p));
        }
        std::int64_t flagged = 0;
        for (char f : embeddedFlags)
            flagged += f;
        if (flagged != embedded)
            throw FieldError("embedded_entities: " + std::to_string(embedded) + ", but " + std::to_string(flagged)
                             + " entities are marked embedded");
        const json &ids = arrayField(root, "prototype_ids", "");
        const json &counts = arrayField(root, "prototype_counts", "");
        if (counts.size() != ids.size())
            throw FieldError("prototype_counts: " + std::to_string(counts.size()) + " counts for "
                             + std::to_string(ids.size()) + " prototype ids");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (!ids[i].is_string())
                throw FieldError("prototype_ids[" + std::to_string(i) + "]: not a string");
            if (!counts[i].is_number_integer() || counts[i].get<std::int64_t>() < 0
                || counts[i].get<std::int64_t>() > std::numeric_limits<int>::max())
                throw FieldError("prototype_counts[" + std::to_string(i) + "]: not a count");
            out.prototype_ids.push_back(ids[i].get<std::string>());
            out.prototype_counts.push_back(counts[i].get<int>());
        }
        // Sizes are at most 2^31 vectors of 2^16 floats: no overflow in 64 bits.
        const auto vectors = static_cast<std::uint64_t>(embedded) + ids.size();
        const std::uint64_t expected = vectors * static_cast<std::uint64_t>(out.dim) * sizeof(float);
        if (floatBytes != expected)
            throw FieldError("dim: " + std::to_string(vectors) + " vectors of " + std::to_string(out.dim)
                             + " floats need " + std::to_string(expected) + " bytes, but " + f32Path.string() + " has "
                             + std::to_string(floatBytes));
    } catch (const FieldError &e) {
        error = jsonPath + ": " + e.what();
        return std::nullopt;
    } catch (const std::exception &e) {
        error = jsonPath + ": not valid JSON: " + e.what();
        return std::nullopt;
    }

    std::ifstream in(f32Path, std::ios::binary);
    const auto dim = static_cast<std::size_t>(out.dim);
    auto readFloats = [&](std::vector<float> &into, std::size_t count) {
        into.resize(count);
        return static_cast<bool>(
            in.read(reinterpret_cast<char *>(into.data()), static_cast<std::streamsize>(count * sizeof(float))));
    };
    std::size_t flag = 0;
    for (SentencePrediction &p : out.sentences) {
        for (PredictedEntity &e : p.entities) {
            if (embeddedFlags[flag++] && !readFloats(e.embedding, dim)) {
                error = f32Path.string() + ": cannot read the entity embeddings";
                return std::nullopt;
            }
        }
    }
    if (!readFloats(out.prototypes, out.prototype_ids.size() * dim)) {
        error = f32Path.string() + ": cannot read the prototypes";
        return std::nullopt;
    }
    return out;
}

} // namespace seekbench::kg
