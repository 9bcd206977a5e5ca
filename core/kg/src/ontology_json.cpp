// The ontology file (datasets/kg/<name>.ontology.json), read as untrusted input: every
// field is checked and a problem is reported with the file and the field's path.

#include "seekbench/kg/ontology.h"

#include "import_support.h"

#include "seekbench/text/csv_line.h"
#include "seekbench/text/terminal_text.h"

#include <nlohmann/json.hpp>

#include <unordered_set>

namespace seekbench::kg {

using nlohmann::json;

namespace {

// An ontology of tens of thousands of concepts is a few MiB; this bounds what is read.
constexpr std::size_t kMaxOntologyBytes = std::size_t(256) << 20;

// Thrown by the field checks below with the field's path; caught in readOntology.
struct FieldError
{
    std::string message;
};

const json &field(const json &object, const char *name, const std::string &where)
{
    const auto it = object.find(name);
    if (it == object.end())
        throw FieldError{where + name + ": missing"};
    return *it;
}

std::string stringField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_string())
        throw FieldError{where + name + ": not a string"};
    return value.get<std::string>();
}

double numberField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_number())
        throw FieldError{where + name + ": not a number"};
    return value.get<double>();
}

std::vector<std::string> stringsField(const json &object, const char *name, const std::string &where)
{
    const json &value = field(object, name, where);
    if (!value.is_array())
        throw FieldError{where + name + ": not an array"};
    std::vector<std::string> out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string() || value[i].get_ref<const std::string &>().empty())
            throw FieldError{where + name + "[" + std::to_string(i) + "]: not a non-empty string"};
        out.push_back(value[i].get<std::string>());
    }
    return out;
}

Concept conceptFrom(const json &object, const std::string &where)
{
    if (!object.is_object())
        throw FieldError{where.substr(0, where.size() - 1) + ": not an object"};
    Concept c;
    c.id = stringField(object, "id", where);
    if (c.id.empty() || !firstControlCharacter(c.id).empty())
        throw FieldError{where + "id: " + csvShown(c.id) + " is empty or holds a control character"};
    const std::string type = stringField(object, "type", where);
    const auto parsed = parseConceptType(type);
    if (!parsed)
        throw FieldError{where + "type: unknown concept type " + csvShown(type)};
    c.type = *parsed;
    c.name = stringField(object, "name", where);
    if (c.name.empty())
        throw FieldError{where + "name: empty"};
    c.synonyms = stringsField(object, "synonyms", where);
    c.abbreviations = stringsField(object, "abbreviations", where);
    c.misspellings = stringsField(object, "misspellings", where);
    c.held_out_forms = stringsField(object, "held_out_forms", where);
    c.prevalence = numberField(object, "prevalence", where);
    if (!(c.prevalence >= 0))
        throw FieldError{where + "prevalence: negative"};
    const json &rare = field(object, "rare", where);
    if (!rare.is_boolean())
        throw FieldError{where + "rare: not true or false"};
    c.rare = rare.get<bool>();
    return c;
}

OntologyRelation relationFrom(const json &object, const std::string &where, const Ontology &ontology)
{
    if (!object.is_object())
        throw FieldError{where.substr(0, where.size() - 1) + ": not an object"};
    const auto count = static_cast<double>(ontology.concepts.size());
    auto index = [&](const char *name) {
        const double v = numberField(object, name, where);
        if (!(v >= 0 && v < count) || v != static_cast<double>(static_cast<long long>(v)))
            throw FieldError{where + name + ": " + object[name].dump() + " is not a concept index (0 to "
                             + std::to_string(ontology.concepts.size()) + " exclusive)"};
        return static_cast<int>(v);
    };
    OntologyRelation r;
    r.head = index("head");
    r.tail = index("tail");
    const std::string type = stringField(object, "type", where);
    const auto parsed = parseRelationType(type);
    if (!parsed || *parsed == RelationType::None)
        throw FieldError{where + "type: unknown relation type " + csvShown(type)};
    r.type = *parsed;
    const ConceptType head = ontology.concepts[static_cast<std::size_t>(r.head)].type;
    const ConceptType tail = ontology.concepts[static_cast<std::size_t>(r.tail)].type;
    if (!relationAllowed(r.type, head, tail))
        throw FieldError{where + "type: " + type + " cannot go from a " + std::string(conceptTypeName(head)) + " to a "
                         + std::string(conceptTypeName(tail))};
    r.frequency = numberField(object, "frequency", where);
    if (!(r.frequency >= 0 && r.frequency <= 1))
        throw FieldError{where + "frequency: " + json(r.frequency).dump() + " is not between 0 and 1"};
    return r;
}

} // namespace

bool writeOntology(const std::string &path, const Ontology &ontology, std::string &error)
{
    json concepts = json::array();
    for (const Concept &c : ontology.concepts) {
        concepts.push_back({{"id", c.id},
                            {"type", conceptTypeName(c.type)},
                            {"name", c.name},
                            {"synonyms", c.synonyms},
                            {"abbreviations", c.abbreviations},
                            {"misspellings", c.misspellings},
                            {"held_out_forms", c.held_out_forms},
                            {"prevalence", c.prevalence},
                            {"rare", c.rare}});
    }
    json relations = json::array();
    for (const OntologyRelation &r : ontology.relations)
        relations.push_back(
            {{"head", r.head}, {"tail", r.tail}, {"type", relationTypeName(r.type)}, {"frequency", r.frequency}});
    const json document = {{"format", "seekbench-ontology"},
                           {"version", 1},
                           {"concepts", std::move(concepts)},
                           {"relations", std::move(relations)}};
    return writeWholeFile(path, document.dump(1) + "\n", "ontology", error);
}

std::optional<Ontology> readOntology(const std::string &path, std::string &error)
{
    std::string text;
    if (std::string problem = readWholeFile(path, kMaxOntologyBytes, text); !problem.empty() || text.empty()) {
        error = path + ": " + (problem.empty() ? "it is empty" : problem);
        return std::nullopt;
    }
    const json document = json::parse(text, nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        error = path + ": not a JSON object";
        return std::nullopt;
    }
    try {
        if (stringField(document, "format", "") != "seekbench-ontology")
            throw FieldError{"format: not \"seekbench-ontology\""};
        const json &version = field(document, "version", "");
        if (!version.is_number_integer() || version.get<long long>() != 1)
            throw FieldError{"version: " + version.dump() + " is not a version this build reads (1)"};
        const json &concepts = field(document, "concepts", "");
        const json &relations = field(document, "relations", "");
        if (!concepts.is_array())
            throw FieldError{"concepts: not an array"};
        if (!relations.is_array())
            throw FieldError{"relations: not an array"};
        Ontology ontology;
        ontology.concepts.reserve(concepts.size());
        std::unordered_set<std::string> ids;
        for (std::size_t i = 0; i < concepts.size(); ++i) {
            const std::string where = "concepts[" + std::to_string(i) + "].";
            ontology.concepts.push_back(conceptFrom(concepts[i], where));
            if (!ids.insert(ontology.concepts.back().id).second)
                throw FieldError{where + "id: duplicate id " + csvShown(ontology.concepts.back().id)};
        }
        ontology.relations.reserve(relations.size());
        for (std::size_t i = 0; i < relations.size(); ++i)
            ontology.relations.push_back(relationFrom(relations[i], "relations[" + std::to_string(i) + "].", ontology));
        ontology.reindex();
        return ontology;
    } catch (const FieldError &e) {
        error = path + ": " + e.message;
    } catch (const json::exception &e) {
        error = path + ": " + e.what();
    }
    return std::nullopt;
}

} // namespace seekbench::kg
