#pragma once

// What the corpus importers (BRAT, CoNLL, PubTator) and the kg files share: reading lines
// with a cap and quarantine, the entity and relation type names, character offsets,
// cutting a document's text into sentences without cutting a span, and writing a file whole.

#include "seekbench/formats/small_file.h"
#include "seekbench/kg/corpus_import.h"
#include "seekbench/text/csv_line.h"
#include "seekbench/text/terminal_text.h"

#include <fstream>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::kg {

// Writes `text` to `path` whole or not at all; false with `error` naming the file.
bool writeWholeFile(const std::string &path, const std::string &text, const std::string &noun, std::string &error);

// Reads a regular file whole when it is at most `maxBytes` long (readSmallFile sizes its
// buffer by the cap, too costly for a 64 MiB cap read per document). "" or the problem,
// without the path: "no such file", "it is larger than 64 MiB", "cannot be read".
std::string readWholeFile(const std::string &path, std::size_t maxBytes, std::string &text);

// A bad line for `bad`, its raw text cut to 1 KiB.
ImportBadLine importBadLine(const std::string &file, std::int64_t line, std::string reason, const std::string &text);

// Lines of an import file: a line over kMaxImportLineBytes or not UTF-8 is reported and
// skipped; a NUL byte (a binary file) is reported and ends the file. A UTF-8 BOM is dropped.
class ImportLines
{
public:
    ImportLines(std::istream &in, std::string file, std::vector<ImportBadLine> &bad);
    // The next usable line; false at the end.
    bool next();
    const std::string &text() const { return m_line; }
    std::int64_t number() const { return m_number; }
    // Reports the current line as bad.
    void reject(const std::string &reason);

private:
    std::istream &m_in;
    std::string m_file;
    std::vector<ImportBadLine> &m_bad;
    std::string m_line;
    std::int64_t m_number = 0;
    bool m_stopped = false;
};

// Feeds every usable line of the file at `path` to `line` (counted in out.lines); false
// with out.error naming the file when it is not a regular file or cannot be read.
template<class OnLine>
bool forEachImportLine(const std::string &path, CorpusImport &out, OnLine &&line)
{
    if (const std::string problem = regularFileProblem(path); !problem.empty()) {
        out.error = path + ": " + problem;
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        out.error = path + ": cannot be read";
        return false;
    }
    ImportLines lines(in, path, out.bad);
    while (lines.next()) {
        ++out.lines;
        line(lines);
    }
    return true;
}

// `line` cut at every `separator`.
std::vector<std::string> splitOn(const std::string &line, char separator);
// A whole non-negative decimal number (at most 9 digits, so it fits an int), or -1.
int parseOffset(const std::string &text);
// A value shown in a reason: quoted, control characters escaped, cut to 80 bytes.
std::string shown(const std::string &value);

// The concept type of an entity type name (the header's table plus the caller's), or nullopt.
std::optional<ConceptType> importEntityType(const std::string &name, const ImportOptions &options);

struct ImportRelationType
{
    RelationType type = RelationType::None;
    bool reversed = false; // "Symptom_Of": the file's first argument is the signature's tail
};
std::optional<ImportRelationType> importRelationType(const std::string &name, const ImportOptions &options);

// Byte offset of every code point of `text` (valid UTF-8), and text.size() at the end, so
// that character offset i is at bytes[i] (i up to the number of characters).
std::vector<int> codePointOffsets(const std::string &text);

// An entity read from a file, before the text is cut into sentences.
struct PendingEntity
{
    int begin = 0; // bytes into the document's text
    int end = 0;
    ConceptType type = ConceptType::Disease;
    std::string concept_id;
    bool negated = false;
    bool hedged = false;
    std::int64_t line = 0; // where it was read, for the bad lines of its relations
    std::string key;       // the file's id for it ("T3"), or ""
};

// Keeps `entities` sorted by offset and drops those overlapping an earlier kept one,
// calling `rejected(dropped, kept)` for each.
void dropOverlapping(std::vector<PendingEntity> &entities,
                     const std::function<void(const PendingEntity &, const PendingEntity &)> &rejected);

// Where an entity landed: its sentence and its index in that sentence's entities.
struct EntityPlace
{
    int sentence = 0;
    int entity = 0;
};

// A document from `text` cut into sentences at line breaks and after ". ", never inside an
// entity (sorted, not overlapping). `places` gets one entry per entity.
Document cutIntoSentences(const std::string &id, Split split, const std::string &text,
                          const std::vector<PendingEntity> &entities, std::vector<EntityPlace> &places);

} // namespace seekbench::kg
