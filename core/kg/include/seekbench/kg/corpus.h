#pragma once

// Clinical text with its annotations: the corpus the NER + RE model trains on and is
// scored on, whether generated from an ontology or imported (corpus_import.h).
//
// Offsets are UTF-8 byte offsets into Sentence::text, half-open [begin, end). Words come
// from tokenize(): the model labels words with BIO tags, and a span is always a run of
// whole words.

#include "seekbench/kg/ontology.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::kg {

struct EntitySpan
{
    int begin = 0;
    int end = 0;
    ConceptType type = ConceptType::Disease;
    std::string concept_id; // the gold link; empty when unknown (imported corpora)
    bool negated = false;   // "no fever", "denies chest pain"
    bool hedged = false;    // "possible", "suspected"
};

struct RelationMention
{
    int head = 0; // indices into Sentence::entities, in the signature's direction
    int tail = 0;
    RelationType type = RelationType::Treats;
};

struct Sentence
{
    std::string id; // unique in the corpus: "<document id>:<index>"
    std::string text;
    std::vector<EntitySpan> entities; // sorted by begin, not overlapping
    std::vector<RelationMention> relations;
};

enum class Split : std::uint8_t { Train = 0, Validation, Test };
std::string_view splitName(Split split); // "train", "validation", "test"

struct Document
{
    std::string id;
    Split split = Split::Train;
    // Held-out documents (validation and test of a generated corpus) mention concepts by
    // forms that never occur in training documents: Concept::held_out_forms.
    std::vector<Sentence> sentences;
};

struct Corpus
{
    std::vector<Document> documents;
};

struct CorpusOptions
{
    std::uint64_t seed = 1;
    int documents = 1200;
    double validation_share = 0.1;
    double test_share = 0.2;
    int sentences_min = 3; // per case note
    int sentences_max = 8;
    double negation_rate = 0.12;     // of symptom mentions
    double hedge_rate = 0.08;        // of relation sentences
    double distractor_rate = 0.2;    // sentences with no entity or with entities and no relation
    double held_out_form_rate = 0.6; // in held-out documents, share of mentions by a held-out form
};

// Case notes and textbook-style sentences about the ontology's true relations, with BIO-
// ready spans, relation labels, negated and hedged mentions, distractor sentences, and
// pairs mentioned together without a relation. Same ontology and options, same corpus.
Corpus generateCorpus(const Ontology &ontology, const CorpusOptions &options);

// Words: maximal runs of letters and digits (UTF-8 aware: any byte >= 0x80 counts as a
// letter) joined by inner hyphens or apostrophes, and every other non-space byte alone.
struct Word
{
    int begin = 0;
    int end = 0;
};
std::vector<Word> tokenize(const std::string &text);

// BIO tags of a sentence's words: 0 = O, 1 + 2 * type = B-type, 2 + 2 * type = I-type.
inline constexpr int kBioTags = 1 + 2 * kConceptTypes;
std::vector<int> bioTags(const Sentence &sentence, const std::vector<Word> &words);
// Spans from tags (an I without a B starts a span, as conlleval does).
std::vector<EntitySpan> spansFromTags(const std::vector<int> &tags, const std::vector<Word> &words);

// The corpus file (datasets/kg/<name>.corpus.jsonl): one document a line,
// {"id","split","sentences":[{"id","text","entities":[{"begin","end","type","concept",
// "negated","hedged"}],"relations":[{"head","tail","type"}]}]}, preceded by a header line
// {"format":"seekbench-kg-corpus","version":1,"documents":N}. The reader checks every
// offset against its text (inside, on UTF-8 boundaries, not overlapping) and every
// relation index and signature; a bad document is reported with its line and skipped,
// good ones kept (CorpusRead::bad).
bool writeCorpus(const std::string &path, const Corpus &corpus, std::string &error);

struct CorpusBadLine
{
    std::string file;
    std::int64_t line = 0; // 1-based
    std::string reason;    // names the field: "sentences[2].entities[0].end: 57 is past the text (54 bytes)"
};

struct CorpusRead
{
    Corpus corpus;
    std::vector<CorpusBadLine> bad;
    std::string error; // non-empty: nothing could be read (missing file, bad header)
};
CorpusRead readCorpus(const std::string &path);

} // namespace seekbench::kg
