#pragma once

// Normalisation and disambiguation: each predicted mention is linked to an ontology
// concept, by dictionary lookup of its normalised text among the concepts of its predicted
// type, and, where the dictionary is ambiguous (an abbreviation two concepts share) or
// silent (an unseen synonym, a misspelling), by the similarity of the mention's contextual
// embedding to each concept's prototype (extraction.h), combined with character-trigram
// similarity to the concept's known forms. Mentions that link to nothing well enough stay
// as candidate concepts ("NEW:<type>:<normalised text>"), flagged, never dropped.
//
// Only forms that training text uses are in the dictionary: the name, synonyms,
// abbreviations and misspellings; Concept::held_out_forms never (that is what held-out
// documents test).

#include "seekbench/kg/extraction.h"
#include "seekbench/kg/ontology.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seekbench::kg {

// Lower case (ASCII), inner runs of spaces and hyphens as one space, leading and trailing
// punctuation removed: "  Fabry-Disease," -> "fabry disease".
std::string normaliseMention(std::string_view text);

// How a form the dictionary does not have is compared with the concepts' known forms.
enum class StringMatch : std::uint8_t {
    Trigrams, // Jaccard of the whole forms' character trigrams (the first version; a baseline)
    Words,    // IDF-weighted soft match of words: edit distance, shared stems (linking_similarity.h)
};

struct LinkerOptions
{
    // Defaults chosen on the validation documents of a trained run (bench_kg_linking --grid).
    double min_score = 0.5;        // below: a candidate concept
    double embedding_weight = 0.5; // of the combined score; the rest is string similarity
    bool use_embeddings = true;    // false: the dictionary and string similarity only
    StringMatch string_match = StringMatch::Words;
    // Document context (linkAll only): a mention the dictionary does not settle gets this,
    // times its type's concentration, added to the score of every concept of its type that
    // another mention of the same document links to by an unambiguous dictionary hit. The
    // concentration is learnt from the training documents' gold links: the share of a
    // document's mentions of the type that name its most mentioned concept of the type
    // (near 1 for diseases, as a case note is about one disease and names it in several
    // ways; low for symptoms, as a note lists several). 0 turns it off.
    double document_weight = 0.3;
};

class Linker
{
public:
    // prototypes: prototype_ids.size() x dim floats (ExtractionOutputs); may be empty.
    Linker(const Ontology &ontology, std::vector<std::string> prototypeIds, std::vector<float> prototypes, int dim,
           LinkerOptions options = {});

    struct Link
    {
        std::string concept_id;
        bool candidate = false;
        float score = 0;
        std::string method; // "exact", "context", "fuzzy", "embedding", "document", "new"
    };
    // `embedding` may be null (the baseline), then ambiguity goes to the concept mentioned
    // most in training and unseen forms to trigram similarity alone.
    Link link(std::string_view mention, ConceptType type, const float *embedding) const;
    // Links every entity of every sentence in place (text from the corpus by sentence id).
    // Twice: first each mention alone (link()), then the mentions the dictionary did not
    // settle again, with their document's context (LinkerOptions::document_weight); the
    // document of a sentence is its id up to the last ':'. Method "document": the context
    // changed the link.
    void linkAll(const Corpus &corpus, std::vector<SentencePrediction> &predictions) const;

private:
    struct Data;
    std::shared_ptr<const Data> m_data;
};

// Negation and hedging cues in the words before a mention in the same clause, NegEx-style:
// "no", "not", "denies" (denied, deny, denying), "without", "neither", "nor", "negative
// for", "ruled out", "absence of"; "possible",
// "possibly", "suspected", "may", "might", "probable", "likely", "cannot exclude". Sets the
// flags of every entity of the prediction in place.
void markNegationAndHedging(const std::string &text, SentencePrediction &prediction);

} // namespace seekbench::kg
