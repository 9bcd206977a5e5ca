// The importers' shared pieces (import_support.h) and the quarantine file.

#include "import_support.h"

#include "seekbench/formats/atomic_file.h"
#include "seekbench/text/csv_line.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace seekbench::kg {

bool writeWholeFile(const std::string &path, const std::string &text, const std::string &noun, std::string &error)
{
    try {
        AtomicFile file(path, noun);
        file.write(text);
        file.commit();
        return true;
    } catch (const std::exception &e) {
        error = e.what();
        return false;
    }
}

std::string readWholeFile(const std::string &path, std::size_t maxBytes, std::string &text)
{
    if (std::string problem = regularFileProblem(path); !problem.empty())
        return problem;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return "cannot be read";
    if (size > maxBytes)
        return "it is larger than " + byteSizeText(maxBytes);
    std::ifstream in(path, std::ios::binary);
    text.assign(static_cast<std::size_t>(size), '\0');
    if (!in || !in.read(text.data(), static_cast<std::streamsize>(size)))
        return "cannot be read";
    return {};
}

ImportBadLine importBadLine(const std::string &file, std::int64_t line, std::string reason, const std::string &text)
{
    return {file, line, std::move(reason), text.substr(0, 1024)};
}

ImportLines::ImportLines(std::istream &in, std::string file, std::vector<ImportBadLine> &bad)
    : m_in(in), m_file(std::move(file)), m_bad(bad)
{}

bool ImportLines::next()
{
    while (!m_stopped) {
        const LineRead read = readBoundedLine(m_in, m_line, kMaxImportLineBytes);
        if (read == LineRead::End)
            return false;
        ++m_number;
        if (read == LineRead::TooLong) {
            reject("the line is longer than " + byteSizeText(kMaxImportLineBytes));
            continue;
        }
        if (m_number == 1 && m_line.starts_with("\xEF\xBB\xBF"))
            m_line.erase(0, 3);
        if (m_line.find('\0') != std::string::npos) {
            reject("binary content (a NUL byte): the rest of the file is skipped");
            m_stopped = true;
            return false;
        }
        if (const std::size_t at = firstInvalidUtf8(m_line); at != std::string::npos) {
            reject("not UTF-8 at byte " + std::to_string(at + 1));
            continue;
        }
        return true;
    }
    return false;
}

void ImportLines::reject(const std::string &reason)
{
    m_bad.push_back(importBadLine(m_file, m_number, reason, m_line));
}

std::vector<std::string> splitOn(const std::string &line, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = line.find(separator, start);
        parts.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            return parts;
        start = at + 1;
    }
}

int parseOffset(const std::string &text)
{
    if (text.empty() || text.size() > 9)
        return -1;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string shown(const std::string &value)
{
    if (value.size() <= 80)
        return csvShown(value);
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;
    return csvShown(value.substr(0, cut) + "...");
}

std::optional<ConceptType> importEntityType(const std::string &name, const ImportOptions &options)
{
    static const std::map<std::string, ConceptType> kTypes = {
        {"disease", ConceptType::Disease},
        {"diseaseorphenotypicfeature", ConceptType::Disease},
        {"specificdisease", ConceptType::Disease},
        {"diseaseclass", ConceptType::Disease},
        {"modifier", ConceptType::Disease},
        {"compositemention", ConceptType::Disease},
        {"disorder", ConceptType::Disease},
        {"problem", ConceptType::Disease},
        {"symptom", ConceptType::Symptom},
        {"sign", ConceptType::Symptom},
        {"phenotype", ConceptType::Symptom},
        {"finding", ConceptType::Symptom},
        {"signorsymptom", ConceptType::Symptom},
        {"gene", ConceptType::Gene},
        {"geneorgeneproduct", ConceptType::Gene},
        {"protein", ConceptType::Gene},
        {"gene_or_gene_product", ConceptType::Gene},
        {"drug", ConceptType::Drug},
        {"chemical", ConceptType::Drug},
        {"chemicalentity", ConceptType::Drug},
        {"treatment", ConceptType::Drug},
        {"medication", ConceptType::Drug},
        {"test", ConceptType::LabTest},
        {"labtest", ConceptType::LabTest},
        {"lab_test", ConceptType::LabTest},
        {"procedure", ConceptType::LabTest},
    };
    const std::string key = asciiLower(name);
    if (const auto it = options.extra_entity_types.find(key); it != options.extra_entity_types.end())
        return it->second;
    if (const auto it = kTypes.find(key); it != kTypes.end())
        return it->second;
    return std::nullopt;
}

std::optional<ImportRelationType> importRelationType(const std::string &name, const ImportOptions &options)
{
    static const std::map<std::string, ImportRelationType> kTypes = {
        {"treats", {RelationType::Treats, false}},
        {"treatment_of", {RelationType::Treats, false}},
        {"has_symptom", {RelationType::HasSymptom, false}},
        {"symptom_of", {RelationType::HasSymptom, true}},
        {"caused_by", {RelationType::CausedBy, false}},
        {"causes", {RelationType::CausedBy, true}},
        {"contraindicated_for", {RelationType::ContraindicatedFor, false}},
        {"contraindicated", {RelationType::ContraindicatedFor, false}},
        {"diagnosed_by", {RelationType::DiagnosedBy, false}},
        {"diagnoses", {RelationType::DiagnosedBy, true}},
    };
    const std::string key = asciiLower(name);
    if (const auto it = options.extra_relation_types.find(key); it != options.extra_relation_types.end())
        return ImportRelationType{it->second, false};
    if (const auto it = kTypes.find(key); it != kTypes.end())
        return it->second;
    return std::nullopt;
}

std::vector<int> codePointOffsets(const std::string &text)
{
    std::vector<int> offsets;
    offsets.reserve(text.size() + 1);
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Continuation bytes (10xxxxxx) are inside a code point, never at its start.
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            offsets.push_back(static_cast<int>(i));
    }
    offsets.push_back(static_cast<int>(text.size()));
    return offsets;
}

void dropOverlapping(std::vector<PendingEntity> &entities,
                     const std::function<void(const PendingEntity &, const PendingEntity &)> &rejected)
{
    std::stable_sort(entities.begin(), entities.end(), [](const PendingEntity &a, const PendingEntity &b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::vector<PendingEntity> kept;
    kept.reserve(entities.size());
    for (PendingEntity &e : entities) {
        if (!kept.empty() && e.begin < kept.back().end)
            rejected(e, kept.back());
        else
            kept.push_back(std::move(e));
    }
    entities = std::move(kept);
}

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

} // namespace

Document cutIntoSentences(const std::string &id, Split split, const std::string &text,
                          const std::vector<PendingEntity> &entities, std::vector<EntityPlace> &places)
{
    Document document;
    document.id = id;
    document.split = split;
    places.assign(entities.size(), {});
    const int size = static_cast<int>(text.size());
    std::size_t next = 0; // the first entity not yet placed
    int start = 0;
    auto finish = [&](int end) {
        while (start < end && isBlank(text[static_cast<std::size_t>(start)]))
            ++start;
        int last = end;
        while (last > start && isBlank(text[static_cast<std::size_t>(last - 1)]))
            --last;
        std::size_t stop = next;
        while (stop < entities.size() && entities[stop].begin < end)
            ++stop;
        if (stop > next) {
            // Spans are kept whole even where they start or end with white space.
            start = std::min(start, entities[next].begin);
            last = std::max(last, entities[stop - 1].end);
        }
        if (last > start) {
            Sentence sentence;
            sentence.id = id + ":" + std::to_string(document.sentences.size());
            sentence.text = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(last - start));
            for (std::size_t e = next; e < stop; ++e) {
                places[e] = {static_cast<int>(document.sentences.size()), static_cast<int>(e - next)};
                sentence.entities.push_back({entities[e].begin - start, entities[e].end - start, entities[e].type,
                                             entities[e].concept_id, entities[e].negated, entities[e].hedged});
            }
            document.sentences.push_back(std::move(sentence));
        }
        next = stop;
        start = end;
    };
    std::size_t inside = 0; // the entity that may cover the current position
    for (int i = 0; i < size; ++i) {
        const char c = text[static_cast<std::size_t>(i)];
        int cut = -1;
        if (c == '\n' || c == '\r')
            cut = i;
        else if (c == '.' && i + 1 < size && text[static_cast<std::size_t>(i) + 1] == ' ')
            cut = i + 1;
        if (cut < 0)
            continue;
        while (inside < entities.size() && entities[inside].end <= cut)
            ++inside;
        if (inside < entities.size() && entities[inside].begin < cut)
            continue; // inside a span: no cut here
        finish(cut);
    }
    finish(size);
    return document;
}

bool writeImportQuarantine(const std::string &path, const std::vector<ImportBadLine> &bad, std::string &error)
{
    std::string text = "file,line,reason,text\n";
    for (const ImportBadLine &b : bad)
        text += csvQuoted(b.file) + "," + std::to_string(b.line) + "," + csvQuoted(b.reason) + "," + csvQuoted(b.text)
                + "\n";
    return writeWholeFile(path, text, "quarantine file", error);
}

} // namespace seekbench::kg
