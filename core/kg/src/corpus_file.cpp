// The corpus file (datasets/kg/<name>.corpus.jsonl): a header line, then one document a
// line. Read as untrusted input: a bad document is reported with its line and the field,
// and skipped; the good ones are kept.

#include "seekbench/kg/corpus.h"

#include "import_support.h"

#include "seekbench/formats/small_file.h"
#include "seekbench/text/csv_line.h"
#include "seekbench/text/terminal_text.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <unordered_set>

namespace seekbench::kg {

using nlohmann::json;

namespace {

// A document of a few hundred sentences is well under this; it bounds one line's memory.
constexpr std::size_t kMaxDocumentLineBytes = std::size_t(64) << 20;

struct FieldError
{
    std::string message;
};

const json &member(const json &object, const char *name, const std::string &where)
{
    if (!object.is_object())
        throw FieldError{where + ": not an object"};
    const auto it = object.find(name);
    if (it == object.end())
        throw FieldError{where + (where.empty() ? "" : ".") + name + ": missing"};
    return *it;
}

std::string text(const json &object, const char *name, const std::string &where)
{
    const json &v = member(object, name, where);
    if (!v.is_string())
        throw FieldError{where + (where.empty() ? "" : ".") + name + ": not a string"};
    return v.get<std::string>();
}

bool flag(const json &object, const char *name, const std::string &where)
{
    const json &v = member(object, name, where);
    if (!v.is_boolean())
        throw FieldError{where + "." + name + ": not true or false"};
    return v.get<bool>();
}

// A whole number in [0, limit); `what` says what the limit is in the error.
int index(const json &object, const char *name, const std::string &where, std::int64_t limit, const std::string &what)
{
    const json &v = member(object, name, where);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() >= limit)
        throw FieldError{where + "." + name + ": " + v.dump() + " is " + what};
    return static_cast<int>(v.get<std::int64_t>());
}

bool insideCharacter(const std::string &s, int offset)
{
    return offset < static_cast<int>(s.size())
           && (static_cast<unsigned char>(s[static_cast<std::size_t>(offset)]) & 0xC0) == 0x80;
}

EntitySpan entityFrom(const json &e, const std::string &where, const std::string &sentence)
{
    const auto size = static_cast<std::int64_t>(sentence.size());
    const std::string past = "past the text (" + std::to_string(size) + " bytes)";
    EntitySpan span;
    span.begin = index(e, "begin", where, size, past);
    span.end = index(e, "end", where, size + 1, past);
    if (span.end <= span.begin)
        throw FieldError{where + ".end: " + std::to_string(span.end) + " is not after begin "
                         + std::to_string(span.begin)};
    for (const char *name : {"begin", "end"}) {
        const int at = name[0] == 'b' ? span.begin : span.end;
        if (insideCharacter(sentence, at))
            throw FieldError{where + "." + name + ": " + std::to_string(at) + " is inside a UTF-8 character"};
    }
    const std::string type = text(e, "type", where);
    const auto parsed = parseConceptType(type);
    if (!parsed)
        throw FieldError{where + ".type: unknown concept type " + csvShown(type)};
    span.type = *parsed;
    span.concept_id = text(e, "concept", where);
    span.negated = flag(e, "negated", where);
    span.hedged = flag(e, "hedged", where);
    return span;
}

Sentence sentenceFrom(const json &s, const std::string &where)
{
    Sentence sentence;
    sentence.id = text(s, "id", where);
    sentence.text = text(s, "text", where);
    const json &entities = member(s, "entities", where);
    const json &relations = member(s, "relations", where);
    if (!entities.is_array() || !relations.is_array())
        throw FieldError{where + (entities.is_array() ? ".relations" : ".entities") + ": not an array"};
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const std::string at = where + ".entities[" + std::to_string(i) + "]";
        sentence.entities.push_back(entityFrom(entities[i], at, sentence.text));
        if (i > 0 && sentence.entities[i].begin < sentence.entities[i - 1].end)
            throw FieldError{at + ".begin: " + std::to_string(sentence.entities[i].begin)
                             + " overlaps or precedes entities[" + std::to_string(i - 1) + "] (ends at "
                             + std::to_string(sentence.entities[i - 1].end) + ")"};
    }
    const auto count = static_cast<std::int64_t>(sentence.entities.size());
    const std::string outside = "not an entity index (" + std::to_string(count) + " entities)";
    for (std::size_t i = 0; i < relations.size(); ++i) {
        const std::string at = where + ".relations[" + std::to_string(i) + "]";
        RelationMention r;
        r.head = index(relations[i], "head", at, count, outside);
        r.tail = index(relations[i], "tail", at, count, outside);
        const std::string type = text(relations[i], "type", at);
        const auto parsed = parseRelationType(type);
        if (!parsed || *parsed == RelationType::None)
            throw FieldError{at + ".type: unknown relation type " + csvShown(type)};
        r.type = *parsed;
        const ConceptType head = sentence.entities[static_cast<std::size_t>(r.head)].type;
        const ConceptType tail = sentence.entities[static_cast<std::size_t>(r.tail)].type;
        if (!relationAllowed(r.type, head, tail))
            throw FieldError{at + ".type: " + type + " cannot go from a " + std::string(conceptTypeName(head))
                             + " to a " + std::string(conceptTypeName(tail))};
        sentence.relations.push_back(r);
    }
    return sentence;
}

Document documentFrom(const json &d)
{
    Document doc;
    doc.id = text(d, "id", "");
    if (doc.id.empty() || !firstControlCharacter(doc.id).empty())
        throw FieldError{"id: " + csvShown(doc.id) + " is empty or holds a control character"};
    const std::string split = text(d, "split", "");
    if (split == "train")
        doc.split = Split::Train;
    else if (split == "validation")
        doc.split = Split::Validation;
    else if (split == "test")
        doc.split = Split::Test;
    else
        throw FieldError{"split: " + csvShown(split) + " is not train, validation or test"};
    const json &sentences = member(d, "sentences", "");
    if (!sentences.is_array())
        throw FieldError{"sentences: not an array"};
    for (std::size_t i = 0; i < sentences.size(); ++i)
        doc.sentences.push_back(sentenceFrom(sentences[i], "sentences[" + std::to_string(i) + "]"));
    return doc;
}

json documentJson(const Document &doc)
{
    json sentences = json::array();
    for (const Sentence &s : doc.sentences) {
        json entities = json::array();
        for (const EntitySpan &e : s.entities)
            entities.push_back({{"begin", e.begin},
                                {"end", e.end},
                                {"type", conceptTypeName(e.type)},
                                {"concept", e.concept_id},
                                {"negated", e.negated},
                                {"hedged", e.hedged}});
        json relations = json::array();
        for (const RelationMention &r : s.relations)
            relations.push_back({{"head", r.head}, {"tail", r.tail}, {"type", relationTypeName(r.type)}});
        sentences.push_back(
            {{"id", s.id}, {"text", s.text}, {"entities", std::move(entities)}, {"relations", std::move(relations)}});
    }
    return {{"id", doc.id}, {"split", splitName(doc.split)}, {"sentences", std::move(sentences)}};
}

} // namespace

bool writeCorpus(const std::string &path, const Corpus &corpus, std::string &error)
{
    std::string out
        = json{{"format", "seekbench-kg-corpus"}, {"version", 1}, {"documents", corpus.documents.size()}}.dump() + "\n";
    try {
        for (const Document &doc : corpus.documents)
            out += documentJson(doc).dump() + "\n";
    } catch (const json::exception &e) {
        // Text that is not UTF-8 cannot be written as JSON.
        error = path + ": " + e.what();
        return false;
    }
    return writeWholeFile(path, out, "corpus", error);
}

CorpusRead readCorpus(const std::string &path)
{
    CorpusRead result;
    std::ifstream in;
    if (const std::string problem = regularFileProblem(path); !problem.empty()) {
        result.error = path + ": " + problem;
        return result;
    }
    in.open(path, std::ios::binary);
    std::string line;
    if (!in || readBoundedLine(in, line, kMaxImportLineBytes) != LineRead::Line) {
        result.error = path + ": no header line";
        return result;
    }
    const json header = json::parse(line, nullptr, false);
    if (header.is_discarded() || !header.is_object() || header.value("format", json()) != "seekbench-kg-corpus"
        || header.value("version", json()) != 1 || !header.value("documents", json()).is_number_unsigned()) {
        result.error = path + ": line 1: not a seekbench-kg-corpus version 1 header";
        return result;
    }
    const auto announced = header["documents"].get<std::uint64_t>();
    std::unordered_set<std::string> ids;
    std::int64_t number = 1;
    std::uint64_t documents = 0;
    for (;;) {
        const LineRead read = readBoundedLine(in, line, kMaxDocumentLineBytes);
        if (read == LineRead::End)
            break;
        ++number;
        if (read == LineRead::TooLong) {
            result.bad.push_back({path, number, "the line is longer than " + byteSizeText(kMaxDocumentLineBytes)});
            ++documents;
            continue;
        }
        if (trimSpaces(line).empty())
            continue;
        ++documents;
        const json d = json::parse(line, nullptr, false);
        if (d.is_discarded()) {
            result.bad.push_back({path, number, "not a JSON document (a truncated or damaged line)"});
            continue;
        }
        try {
            Document doc = documentFrom(d);
            if (!ids.insert(doc.id).second)
                throw FieldError{"id: duplicate document id " + csvShown(doc.id)};
            result.corpus.documents.push_back(std::move(doc));
        } catch (const FieldError &e) {
            result.bad.push_back({path, number, e.message});
        } catch (const json::exception &e) {
            result.bad.push_back({path, number, e.what()});
        }
    }
    if (documents != announced)
        result.bad.push_back({path, 1,
                              "documents: the header announces " + std::to_string(announced)
                                  + " documents, the file holds " + std::to_string(documents)});
    return result;
}

} // namespace seekbench::kg
