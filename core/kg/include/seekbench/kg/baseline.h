#pragma once

// The side-by-side baseline: dictionary matching of the ontology's training forms (name,
// synonyms, abbreviations, misspellings: what a curated dictionary holds), longest match
// first, case-insensitive, on whole words; an ambiguous form links to the concept seen
// most in training; relations by co-occurrence, the article's pairing: every two entities
// in a sentence whose types fit a signature are related, a drug and a disease by TREATS.

#include "seekbench/kg/extraction.h"
#include "seekbench/kg/ontology.h"

#include <memory>
#include <vector>

namespace seekbench::kg {

class DictionaryBaseline
{
public:
    // `training` (may be empty) counts how often each concept is mentioned, to resolve
    // ambiguous forms.
    DictionaryBaseline(const Ontology &ontology, const Corpus &training);
    SentencePrediction extract(const Sentence &sentence) const;
    std::vector<SentencePrediction> extractAll(const std::vector<Sentence> &sentences) const;

private:
    struct Data;
    std::shared_ptr<const Data> m_data;
};

} // namespace seekbench::kg
