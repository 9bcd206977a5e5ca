#pragma once

// A project's annotated corpora for the knowledge graph scenario, as files under
// datasets/kg/: <name>.corpus.jsonl (seekbench/kg/corpus.h), <name>.ontology.json when the
// corpus was generated from an ontology (or came with one), and <name>.meta.json: where it
// came from (the command, its options) and its counts. The folder is the registry: a
// corpus is there when its .corpus.jsonl is; the names are checked so that a path can
// never leave the folder.

#include "seekbench/projects/project.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

struct KgCorpusRecord
{
    std::string name;
    std::filesystem::path corpus_file;   // absolute
    std::filesystem::path ontology_file; // absolute; may not exist
    bool has_ontology = false;
    std::string source;  // "generated", "brat", "conll", "pubtator"
    std::string command; // the command that made it
    std::string origin_json;
    std::int64_t documents = 0, sentences = 0, entities = 0, relations = 0, bad_lines = 0;
    std::int64_t train_documents = 0, validation_documents = 0, test_documents = 0;
};

// Empty when `name` is a valid corpus name (1-64 of [A-Za-z0-9_-]), else why not.
std::string kgCorpusNameProblem(const std::string &name);
// The files of corpus `name` (std::invalid_argument for a bad name).
std::filesystem::path kgCorpusFile(const Project &project, const std::string &name);
std::filesystem::path kgOntologyFile(const Project &project, const std::string &name);
std::filesystem::path kgCorpusMetaFile(const Project &project, const std::string &name);

// The project's corpora by name; a damaged .meta.json leaves its counts at 0 and says so
// in `problem` rather than hiding the corpus.
struct KgCorpusListing
{
    KgCorpusRecord record;
    std::string problem;
};
std::vector<KgCorpusListing> listKgCorpora(const Project &project);
std::optional<KgCorpusRecord> findKgCorpus(const Project &project, const std::string &name);

// Writes <name>.meta.json atomically from the record.
void writeKgCorpusMeta(const Project &project, const KgCorpusRecord &record);

} // namespace seekbench::projects
