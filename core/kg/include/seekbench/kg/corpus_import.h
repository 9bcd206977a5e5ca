#pragma once

// Importing real annotated corpora in the formats they are published in. The rules are the
// AML and maintenance imports': a bad line is reported with its file, line number and a
// reason that names the field and shows the value (control characters and bad bytes
// escaped), it is skipped, and the good lines around it are kept; nothing in a file is ever
// executed or evaluated; files are read line by line with lines over kMaxImportLineBytes
// reported, so memory grows with what is kept.
//
// Entity types map onto the five concept types by name, case-insensitively:
//   disease: Disease, DiseaseOrPhenotypicFeature, SpecificDisease, DiseaseClass, Modifier,
//            CompositeMention, Disorder, Problem
//   symptom: Symptom, Sign, Phenotype, Finding, SignOrSymptom
//   gene:    Gene, GeneOrGeneProduct, Protein, Gene_or_gene_product
//   drug:    Drug, Chemical, ChemicalEntity, Treatment, Medication
//   lab_test: Test, LabTest, Lab_test, Procedure
// and relation types by name: TREATS / Treats / Treatment_Of, HAS_SYMPTOM / Has_Symptom /
// Symptom_Of (reversed), CAUSED_BY / Caused_By / Causes (reversed), CONTRAINDICATED_FOR /
// Contraindicated, DIAGNOSED_BY / Diagnosed_By / Diagnoses (reversed). An unknown type is
// a bad line naming it (the caller's mapping can add names: ImportOptions).

#include "seekbench/kg/corpus.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace seekbench::kg {

inline constexpr std::size_t kMaxImportLineBytes = std::size_t(1) << 20;

struct ImportBadLine
{
    std::string file;
    std::int64_t line = 0; // 1-based; 0 when the problem is the file as a whole
    std::string reason;
    std::string text; // the raw line (first 1 KiB)
};

struct ImportOptions
{
    Split split = Split::Train;
    std::map<std::string, ConceptType> extra_entity_types;    // name (lower case) -> type
    std::map<std::string, RelationType> extra_relation_types; // name (lower case) -> type
};

struct CorpusImport
{
    Corpus corpus;
    std::vector<ImportBadLine> bad;
    std::int64_t lines = 0;
    std::string error; // non-empty: nothing read (missing file, not a regular file)
};

// BRAT standoff: `dir` holds pairs <name>.txt + <name>.ann (or pass one .ann path); each
// pair becomes a document cut into sentences at line breaks and at ". " (spans crossing a
// cut are kept whole by not cutting inside a span). T lines (entities, with discontinuous
// fragments reported as bad lines), R lines (relations Arg1/Arg2); A/M attribute lines with
// Negation/Negated and Speculation/Uncertain/Hedged set the flags; #, N (normalisation to
// an id, kept as concept_id) and E lines are read or skipped as documented.
CorpusImport importBrat(const std::string &path, const ImportOptions &options = {});
// CoNLL-style BIO: a token and its tag per line (tab or space separated; the tag is the
// last column), a blank line between sentences, -DOCSTART- lines start documents.
CorpusImport importConll(const std::string &path, const ImportOptions &options = {});
// PubTator: "<pmid>|t|<title>", "<pmid>|a|<abstract>", then tab-separated annotation lines
// "<pmid>\t<start>\t<end>\t<mention>\t<type>\t<id>" and relation lines
// "<pmid>\t<relation type>\t<id1>\t<id2>" (relations between concept ids, attached to
// every sentence holding both); a blank line between documents.
CorpusImport importPubTator(const std::string &path, const ImportOptions &options = {});

// Writes bad lines as CSV: file,line,reason,text (quoted). False when it cannot write.
bool writeImportQuarantine(const std::string &path, const std::vector<ImportBadLine> &bad, std::string &error);

} // namespace seekbench::kg
