// The dictionary and co-occurrence baseline (baseline.h): the article's pairing, made
// exact so the model is compared with the best a dictionary can do on the same text.

#include "seekbench/kg/baseline.h"

#include "seekbench/kg/linking.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace seekbench::kg {

namespace {

bool isPunctuation(std::string_view text, const Word &word)
{
    const auto c = static_cast<unsigned char>(text[static_cast<std::size_t>(word.begin)]);
    return word.end - word.begin == 1 && c < 0x80 && !std::isalnum(c);
}

} // namespace

struct DictionaryBaseline::Data
{
    std::vector<std::string> ids;
    std::vector<ConceptType> types;
    std::unordered_map<std::string, int> dictionary; // normalised training form -> concept
    std::size_t longest = 1;                         // words in the longest form
};

DictionaryBaseline::DictionaryBaseline(const Ontology &ontology, const Corpus &training)
{
    std::unordered_map<std::string, std::int64_t> mentions;
    for (const Document &document : training.documents) {
        if (document.split != Split::Train)
            continue; // held-out text must not decide anything
        for (const Sentence &sentence : document.sentences) {
            for (const EntitySpan &entity : sentence.entities) {
                if (!entity.concept_id.empty())
                    ++mentions[entity.concept_id];
            }
        }
    }
    auto seen = [&](std::size_t c) {
        const auto it = mentions.find(ontology.concepts[c].id);
        return it == mentions.end() ? std::int64_t(0) : it->second;
    };

    auto data = std::make_shared<Data>();
    for (std::size_t c = 0; c < ontology.concepts.size(); ++c) {
        const Concept &concept_ = ontology.concepts[c];
        data->ids.push_back(concept_.id);
        data->types.push_back(concept_.type);
        auto add = [&](const std::string &form) {
            std::string key = normaliseMention(form);
            if (key.empty())
                return;
            data->longest = std::max(data->longest, tokenize(key).size());
            const auto [it, added] = data->dictionary.try_emplace(std::move(key), static_cast<int>(c));
            // A form two concepts share goes to the one mentioned more in training; the
            // first in ontology order on a tie.
            if (!added && seen(c) > seen(static_cast<std::size_t>(it->second)))
                it->second = static_cast<int>(c);
        };
        add(concept_.name);
        for (const auto *list : {&concept_.synonyms, &concept_.abbreviations, &concept_.misspellings}) {
            for (const std::string &form : *list)
                add(form);
        }
    }
    m_data = std::move(data);
}

SentencePrediction DictionaryBaseline::extract(const Sentence &sentence) const
{
    const Data &d = *m_data;
    SentencePrediction prediction;
    prediction.sentence_id = sentence.id;
    const std::vector<Word> words = tokenize(sentence.text);
    const std::string_view text(sentence.text);
    for (std::size_t i = 0; i < words.size();) {
        std::size_t matched = 0;
        int concept_ = -1;
        // Longest match first over whole words; a span never starts or ends on punctuation,
        // which normalisation would trim away ("rash." is not the form "rash").
        for (std::size_t n = std::min(d.longest, words.size() - i); n >= 1 && matched == 0; --n) {
            if (isPunctuation(text, words[i]) || isPunctuation(text, words[i + n - 1]))
                continue;
            const auto begin = static_cast<std::size_t>(words[i].begin);
            const auto end = static_cast<std::size_t>(words[i + n - 1].end);
            const auto it = d.dictionary.find(normaliseMention(text.substr(begin, end - begin)));
            if (it != d.dictionary.end()) {
                matched = n;
                concept_ = it->second;
            }
        }
        if (matched == 0) {
            ++i;
            continue;
        }
        PredictedEntity entity;
        entity.begin = words[i].begin;
        entity.end = words[i + matched - 1].end;
        entity.type = d.types[static_cast<std::size_t>(concept_)];
        entity.concept_id = d.ids[static_cast<std::size_t>(concept_)];
        entity.link_score = 1;
        entity.link_method = "exact";
        prediction.entities.push_back(std::move(entity));
        i += matched;
    }
    markNegationAndHedging(sentence.text, prediction);

    // Every two entities whose types fit a signature, in its direction; a drug and a
    // disease are paired as TREATS (the article's example), never CONTRAINDICATED_FOR.
    const auto count = static_cast<int>(prediction.entities.size());
    for (int a = 0; a < count; ++a) {
        for (int b = 0; b < count; ++b) {
            const PredictedEntity &head = prediction.entities[static_cast<std::size_t>(a)];
            const PredictedEntity &tail = prediction.entities[static_cast<std::size_t>(b)];
            if (a == b || head.concept_id == tail.concept_id)
                continue;
            for (const RelationSignature &s : kRelationSignatures) {
                if (s.type != RelationType::ContraindicatedFor && s.head == head.type && s.tail == tail.type) {
                    prediction.relations.push_back({a, b, s.type, 1.0f});
                    break;
                }
            }
        }
    }
    return prediction;
}

std::vector<SentencePrediction> DictionaryBaseline::extractAll(const std::vector<Sentence> &sentences) const
{
    std::vector<SentencePrediction> predictions;
    predictions.reserve(sentences.size());
    for (const Sentence &sentence : sentences)
        predictions.push_back(extract(sentence));
    return predictions;
}

} // namespace seekbench::kg
