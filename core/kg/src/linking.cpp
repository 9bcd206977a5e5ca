// Normalisation and disambiguation of predicted mentions (linking.h): an exact dictionary
// hit among the training forms of the mention's type, else the best of the type's
// concepts by contextual-embedding cosine to its prototype combined with string similarity
// to its forms (linking_similarity.h) and, in linkAll, the document's other mentions; too
// weak a best and the mention stays a candidate concept.

#include "seekbench/kg/linking.h"

#include "linking_document.h"
#include "linking_similarity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace seekbench::kg {

namespace {

// Prototypes the embedding proposes as candidates besides the trigram index's hits.
constexpr std::size_t kPrototypeCandidates = 5;

bool isSpaceOrHyphen(unsigned char c) { return std::isspace(c) || c == '-'; }
bool isTrimmed(unsigned char c) { return c < 0x80 && (std::isspace(c) || std::ispunct(c)); }

struct Form
{
    int concept_index;
    std::size_t trigram_count;
};

// Everything of one concept type: its dictionary, trigram index and prototypes.
struct TypeIndex
{
    std::unordered_map<std::string, std::vector<int>> dictionary; // normalised form -> concepts
    std::vector<Form> forms;
    std::unordered_map<std::uint32_t, std::vector<int>> postings; // trigram -> forms
    std::vector<int> prototype_concepts;                          // rows of `unit_prototypes`
};

} // namespace

struct Linker::Data
{
    using Scores = std::vector<std::pair<int, double>>; // concept index, string similarity

    std::vector<std::string> concept_ids; // copied: the linker does not keep the ontology
    LinkerOptions options;
    int dim = 0;
    std::array<TypeIndex, kConceptTypes> types;
    std::array<linking_detail::WordIndex, kConceptTypes> words;
    std::vector<float> unit_prototypes; // rows of `dim`, unit length
    std::vector<int> prototype_row;     // per concept: its row, or -1

    const TypeIndex &typeIndex(ConceptType type) const { return types[static_cast<std::size_t>(type) % kConceptTypes]; }

    // The embedding as a unit vector; empty when there is none or nothing to compare it to.
    std::vector<float> unitEmbedding(const float *embedding) const
    {
        const auto width = static_cast<std::size_t>(dim);
        if (!embedding || !options.use_embeddings || width == 0 || unit_prototypes.empty())
            return {};
        double norm = 0;
        for (std::size_t k = 0; k < width; ++k)
            norm += double(embedding[k]) * embedding[k];
        if (!(norm > 0) || !std::isfinite(norm))
            return {};
        std::vector<float> unit(width);
        for (std::size_t k = 0; k < width; ++k)
            unit[k] = static_cast<float>(embedding[k] / std::sqrt(norm));
        return unit;
    }

    std::optional<double> cosine(const std::vector<float> &unit, int conceptIndex) const
    {
        const int row = prototype_row[static_cast<std::size_t>(conceptIndex)];
        if (unit.empty() || row < 0)
            return std::nullopt;
        const auto width = static_cast<std::size_t>(dim);
        const float *p = unit_prototypes.data() + static_cast<std::size_t>(row) * width;
        double dot = 0;
        for (std::size_t k = 0; k < width; ++k)
            dot += double(unit[k]) * p[k];
        return dot;
    }

    std::optional<Link> dictionaryLink(const std::string &key, ConceptType type, const std::vector<float> &unit) const;
    Scores stringScores(const std::string &key, ConceptType type) const;
    Link bestLink(const std::string &key, ConceptType type, const std::vector<float> &unit, const Scores &strings,
                  const std::vector<int> &documentConcepts, double documentWeight) const;
};

std::string normaliseMention(std::string_view text)
{
    std::size_t begin = 0, end = text.size();
    while (begin < end && isTrimmed(static_cast<unsigned char>(text[begin])))
        ++begin;
    while (end > begin && isTrimmed(static_cast<unsigned char>(text[end - 1])))
        --end;
    std::string out;
    out.reserve(end - begin);
    bool gap = false;
    for (std::size_t i = begin; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (isSpaceOrHyphen(c)) {
            gap = true;
            continue;
        }
        if (gap && !out.empty())
            out.push_back(' ');
        gap = false;
        out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
    }
    return out;
}

Linker::Linker(const Ontology &ontology, std::vector<std::string> prototypeIds, std::vector<float> prototypes, int dim,
               LinkerOptions options)
{
    if (dim < 0 || prototypes.size() != prototypeIds.size() * static_cast<std::size_t>(dim))
        throw std::invalid_argument("linker: " + std::to_string(prototypeIds.size()) + " prototype ids of size "
                                    + std::to_string(dim) + " do not fit " + std::to_string(prototypes.size())
                                    + " floats");
    auto data = std::make_shared<Data>();
    for (const Concept &c : ontology.concepts)
        data->concept_ids.push_back(c.id);
    data->options = options;
    data->dim = dim;
    data->prototype_row.assign(ontology.concepts.size(), -1);
    for (std::size_t c = 0; c < ontology.concepts.size(); ++c) {
        const Concept &concept_ = ontology.concepts[c];
        TypeIndex &index = data->types[static_cast<std::size_t>(concept_.type) % kConceptTypes];
        std::unordered_set<std::string> seen;
        auto addForm = [&](const std::string &form) {
            std::string key = normaliseMention(form);
            if (key.empty() || !seen.insert(key).second)
                return;
            const auto formIndex = static_cast<int>(index.forms.size());
            const std::vector<std::uint32_t> keys = linking_detail::trigrams(key);
            index.forms.push_back({static_cast<int>(c), keys.size()});
            for (std::uint32_t k : keys)
                index.postings[k].push_back(formIndex);
            data->words[static_cast<std::size_t>(concept_.type) % kConceptTypes].addForm(static_cast<int>(c), key);
            index.dictionary[std::move(key)].push_back(static_cast<int>(c));
        };
        addForm(concept_.name);
        for (const auto *list : {&concept_.synonyms, &concept_.abbreviations, &concept_.misspellings}) {
            for (const std::string &form : *list)
                addForm(form);
        }
    }
    std::array<std::size_t, kConceptTypes> perType{};
    for (const Concept &c : ontology.concepts)
        ++perType[static_cast<std::size_t>(c.type) % kConceptTypes];
    for (std::size_t t = 0; t < kConceptTypes; ++t)
        data->words[t].finish(perType[t]);
    const auto width = static_cast<std::size_t>(dim);
    for (std::size_t p = 0; p < prototypeIds.size() && width > 0; ++p) {
        const int c = ontology.find(prototypeIds[p]);
        if (c < 0 || data->prototype_row[static_cast<std::size_t>(c)] >= 0)
            continue; // a concept this ontology does not have cannot be linked to
        const float *row = prototypes.data() + p * width;
        double norm = 0;
        for (std::size_t k = 0; k < width; ++k)
            norm += double(row[k]) * row[k];
        if (!(norm > 0) || !std::isfinite(norm))
            continue;
        const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
        data->prototype_row[static_cast<std::size_t>(c)] = static_cast<int>(data->unit_prototypes.size() / width);
        for (std::size_t k = 0; k < width; ++k)
            data->unit_prototypes.push_back(row[k] * scale);
        data->types[static_cast<std::size_t>(ontology.concepts[static_cast<std::size_t>(c)].type) % kConceptTypes]
            .prototype_concepts.push_back(c);
    }
    m_data = std::move(data);
}

std::optional<Linker::Link> Linker::Data::dictionaryLink(const std::string &key, ConceptType type,
                                                         const std::vector<float> &unit) const
{
    const TypeIndex &index = typeIndex(type);
    const auto hit = index.dictionary.find(key);
    if (hit == index.dictionary.end())
        return std::nullopt;
    const std::vector<int> &hits = hit->second;
    const std::vector<std::string> &ids = concept_ids;
    if (hits.size() == 1)
        return Link{ids[static_cast<std::size_t>(hits[0])], false, 1.0f, "exact"};
    // Ambiguous: the context decides among the concepts with a prototype; without an
    // embedding, a concept seen in training (it has a prototype) before one never seen,
    // then ontology order.
    int best = -1;
    double bestCos = -2;
    for (int c : hits) {
        if (const auto cos = cosine(unit, c); cos && *cos > bestCos) {
            bestCos = *cos;
            best = c;
        }
    }
    if (best >= 0) {
        const double w = options.embedding_weight;
        return Link{ids[static_cast<std::size_t>(best)], false,
                    static_cast<float>(std::clamp(w * bestCos + (1 - w), 0.0, 1.0)), "context"};
    }
    best = hits[0];
    for (int c : hits) {
        if (prototype_row[static_cast<std::size_t>(c)] >= 0) {
            best = c;
            break;
        }
    }
    return Link{ids[static_cast<std::size_t>(best)], false, 1.0f, "exact"};
}

Linker::Data::Scores Linker::Data::stringScores(const std::string &key, ConceptType type) const
{
    if (options.string_match == StringMatch::Words)
        return words[static_cast<std::size_t>(type) % kConceptTypes].score(key);
    // Trigrams: each concept's best form by Jaccard.
    const TypeIndex &index = typeIndex(type);
    const std::vector<std::uint32_t> keys = linking_detail::trigrams(key);
    std::unordered_map<int, int> shared; // form -> trigrams in common
    for (std::uint32_t k : keys) {
        if (const auto it = index.postings.find(k); it != index.postings.end()) {
            for (int f : it->second)
                ++shared[f];
        }
    }
    std::unordered_map<int, double> best;
    for (const auto &[f, common] : shared) {
        const Form &form = index.forms[static_cast<std::size_t>(f)];
        const double j = double(common) / double(keys.size() + form.trigram_count - std::size_t(common));
        double &b = best[form.concept_index];
        b = std::max(b, j);
    }
    Scores out(best.begin(), best.end());
    std::sort(out.begin(), out.end());
    return out;
}

Linker::Link Linker::Data::bestLink(const std::string &key, ConceptType type, const std::vector<float> &unit,
                                    const Scores &strings, const std::vector<int> &documentConcepts,
                                    double documentWeight) const
{
    // Candidates: the string side's, the prototypes nearest the embedding, the document's.
    std::unordered_map<int, double> candidates(strings.begin(), strings.end());
    std::vector<std::pair<double, int>> byCosine;
    for (int c : typeIndex(type).prototype_concepts) {
        if (const auto cos = cosine(unit, c))
            byCosine.emplace_back(*cos, c);
    }
    const std::size_t top = std::min(kPrototypeCandidates, byCosine.size());
    std::partial_sort(byCosine.begin(), byCosine.begin() + static_cast<std::ptrdiff_t>(top), byCosine.end(),
                      [](const auto &a, const auto &b) {
                          return a.first > b.first || (a.first == b.first && a.second < b.second);
                      });
    for (std::size_t i = 0; i < top; ++i)
        candidates.try_emplace(byCosine[i].second, 0.0);
    for (int c : documentConcepts)
        candidates.try_emplace(c, 0.0);

    const double w = options.embedding_weight;
    struct Best
    {
        int concept_index = -1;
        double score = -1;
        bool by_embedding = false;
    } best, bestAlone; // with the document's context, and without it
    auto consider = [](Best &b, int c, double score, bool byEmbedding) {
        if (score > b.score || (score == b.score && c < b.concept_index))
            b = {c, score, byEmbedding};
    };
    for (const auto &[c, s] : candidates) {
        double score = s;
        bool byEmbedding = false;
        if (const auto cos = cosine(unit, c)) {
            score = w * *cos + (1 - w) * s;
            byEmbedding = w * *cos > (1 - w) * s;
        }
        consider(bestAlone, c, score, byEmbedding);
        const bool inDocument = std::find(documentConcepts.begin(), documentConcepts.end(), c)
                                != documentConcepts.end();
        consider(best, c, score + (inDocument ? documentWeight : 0.0), byEmbedding);
    }
    const auto score = static_cast<float>(std::clamp(best.score, 0.0, 1.0));
    if (best.concept_index < 0 || best.score < options.min_score)
        return {"NEW:" + std::string(conceptTypeName(type)) + ":" + key, true, score, "new"};
    const char *method = best.concept_index != bestAlone.concept_index || bestAlone.score < options.min_score
                             ? "document"
                             : (best.by_embedding ? "embedding" : "fuzzy");
    return {concept_ids[static_cast<std::size_t>(best.concept_index)], false, score, method};
}

Linker::Link Linker::link(std::string_view mention, ConceptType type, const float *embedding) const
{
    const Data &d = *m_data;
    const std::string key = normaliseMention(mention);
    const std::vector<float> unit = d.unitEmbedding(embedding);
    if (auto exact = d.dictionaryLink(key, type, unit))
        return std::move(*exact);
    return d.bestLink(key, type, unit, d.stringScores(key, type), {}, 0);
}

void Linker::linkAll(const Corpus &corpus, std::vector<SentencePrediction> &predictions) const
{
    const Data &d = *m_data;
    std::unordered_map<std::string_view, const std::string *> texts;
    for (const Document &document : corpus.documents) {
        for (const Sentence &sentence : document.sentences)
            texts.emplace(sentence.id, &sentence.text);
    }
    // The string side depends only on the text and the type: computed once per form.
    std::unordered_map<std::string, Data::Scores> stringCache;
    auto stringScores = [&](const std::string &key, ConceptType type) -> const Data::Scores & {
        std::string cacheKey = std::string(conceptTypeName(type)) + '\x1f' + key;
        auto it = stringCache.find(cacheKey);
        if (it == stringCache.end())
            it = stringCache.emplace(std::move(cacheKey), d.stringScores(key, type)).first;
        return it->second;
    };
    struct Pending
    {
        PredictedEntity *entity;
        std::string key;
        std::string_view document;
    };
    std::vector<Pending> pending; // not settled by the dictionary
    // document id + '\x1f' + type -> the concepts its unambiguous dictionary hits link to
    std::unordered_map<std::string, std::vector<int>> documentConcepts;
    auto documentKey = [](std::string_view document, ConceptType type) {
        return std::string(document) + '\x1f' + std::string(conceptTypeName(type));
    };
    std::unordered_map<std::string_view, int> conceptIndex;
    for (std::size_t c = 0; c < d.concept_ids.size(); ++c)
        conceptIndex.emplace(d.concept_ids[c], static_cast<int>(c));

    auto assign = [](PredictedEntity &entity, Link result) {
        entity.concept_id = std::move(result.concept_id);
        entity.candidate = result.candidate;
        entity.link_score = result.score;
        entity.link_method = std::move(result.method);
    };
    for (SentencePrediction &prediction : predictions) {
        const auto it = texts.find(prediction.sentence_id);
        const std::string *text = it == texts.end() ? nullptr : it->second;
        const std::string_view sentenceId = prediction.sentence_id;
        const std::string_view document = sentenceId.substr(0, std::min(sentenceId.rfind(':'), sentenceId.size()));
        for (PredictedEntity &entity : prediction.entities) {
            // A sentence the corpus lacks, or offsets outside its text, give an empty
            // mention: a candidate, kept and flagged like any unlinkable one.
            std::string_view mention;
            if (text && entity.begin >= 0 && entity.begin <= entity.end
                && static_cast<std::size_t>(entity.end) <= text->size())
                mention = std::string_view(*text).substr(static_cast<std::size_t>(entity.begin),
                                                         static_cast<std::size_t>(entity.end - entity.begin));
            const bool embedded = d.dim > 0 && entity.embedding.size() == static_cast<std::size_t>(d.dim);
            const std::vector<float> unit = d.unitEmbedding(embedded ? entity.embedding.data() : nullptr);
            std::string key = normaliseMention(mention);
            if (auto exact = d.dictionaryLink(key, entity.type, unit)) {
                if (exact->method == "exact") {
                    std::vector<int> &known = documentConcepts[documentKey(document, entity.type)];
                    const int c = conceptIndex.at(exact->concept_id);
                    if (std::find(known.begin(), known.end(), c) == known.end())
                        known.push_back(c);
                }
                assign(entity, std::move(*exact));
                continue;
            }
            assign(entity, d.bestLink(key, entity.type, unit, stringScores(key, entity.type), {}, 0));
            pending.push_back({&entity, std::move(key), document});
        }
    }
    if (d.options.document_weight <= 0)
        return;
    const std::array<double, kConceptTypes> concentration = linking_detail::documentConcentration(corpus);
    for (const Pending &p : pending) {
        const auto known = documentConcepts.find(documentKey(p.document, p.entity->type));
        const double weight = concentration[static_cast<std::size_t>(p.entity->type) % kConceptTypes];
        if (known == documentConcepts.end() || weight <= 0)
            continue;
        const bool embedded = d.dim > 0 && p.entity->embedding.size() == static_cast<std::size_t>(d.dim);
        const std::vector<float> unit = d.unitEmbedding(embedded ? p.entity->embedding.data() : nullptr);
        assign(*p.entity, d.bestLink(p.key, p.entity->type, unit, stringScores(p.key, p.entity->type), known->second,
                                     d.options.document_weight * weight));
    }
}

} // namespace seekbench::kg
