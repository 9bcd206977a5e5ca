// Entity, relation and linking scores of an extractor against gold annotations.

#include "seekbench/kg/extraction.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace seekbench::kg {

namespace {

std::size_t typeIndex(ConceptType type)
{
    return std::min<std::size_t>(static_cast<std::size_t>(type), kConceptTypes - 1);
}

std::size_t relationIndex(RelationType type)
{
    return std::min<std::size_t>(static_cast<std::size_t>(type), kRelationTypes - 1);
}

// For each predicted entity, the gold entity it matches exactly (span and type), or -1;
// each gold entity is used once.
std::vector<int> strictMatches(const Sentence &gold, const SentencePrediction &predicted)
{
    std::vector<int> match(predicted.entities.size(), -1);
    std::vector<char> used(gold.entities.size(), 0);
    for (std::size_t j = 0; j < predicted.entities.size(); ++j) {
        const PredictedEntity &p = predicted.entities[j];
        for (std::size_t i = 0; i < gold.entities.size(); ++i) {
            const EntitySpan &g = gold.entities[i];
            if (!used[i] && g.begin == p.begin && g.end == p.end && g.type == p.type) {
                used[i] = 1;
                match[j] = static_cast<int>(i);
                break;
            }
        }
    }
    return match;
}

// Greedy one-to-one matching of overlapping same-type spans, the largest overlap first;
// returns the number of matched pairs per type.
std::array<std::int64_t, kConceptTypes> lenientMatches(const Sentence &gold, const SentencePrediction &predicted)
{
    struct Pair
    {
        int overlap;
        std::size_t gold, predicted;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < gold.entities.size(); ++i) {
        const EntitySpan &g = gold.entities[i];
        for (std::size_t j = 0; j < predicted.entities.size(); ++j) {
            const PredictedEntity &p = predicted.entities[j];
            const int overlap = std::min(g.end, p.end) - std::max(g.begin, p.begin);
            if (overlap > 0 && g.type == p.type)
                pairs.push_back({overlap, i, j});
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair &a, const Pair &b) {
        return std::tie(b.overlap, a.gold, a.predicted) < std::tie(a.overlap, b.gold, b.predicted);
    });
    std::vector<char> goldUsed(gold.entities.size(), 0), predictedUsed(predicted.entities.size(), 0);
    std::array<std::int64_t, kConceptTypes> matched{};
    for (const Pair &pair : pairs) {
        if (goldUsed[pair.gold] || predictedUsed[pair.predicted])
            continue;
        goldUsed[pair.gold] = predictedUsed[pair.predicted] = 1;
        ++matched[typeIndex(gold.entities[pair.gold].type)];
    }
    return matched;
}

void addEntityCounts(const Sentence &gold, const SentencePrediction *predicted, ExtractionScores &scores)
{
    std::array<std::int64_t, kConceptTypes> goldByType{}, predictedByType{};
    for (const EntitySpan &g : gold.entities)
        ++goldByType[typeIndex(g.type)];
    std::vector<int> strict;
    std::array<std::int64_t, kConceptTypes> lenient{};
    if (predicted) {
        for (const PredictedEntity &p : predicted->entities)
            ++predictedByType[typeIndex(p.type)];
        strict = strictMatches(gold, *predicted);
        lenient = lenientMatches(gold, *predicted);
    }
    std::array<std::int64_t, kConceptTypes> strictByType{};
    for (int g : strict) {
        if (g >= 0)
            ++strictByType[typeIndex(gold.entities[static_cast<std::size_t>(g)].type)];
    }
    for (std::size_t t = 0; t < kConceptTypes; ++t) {
        Prf &s = scores.entities_strict_by_type[t];
        s.tp += strictByType[t];
        s.fp += predictedByType[t] - strictByType[t];
        s.fn += goldByType[t] - strictByType[t];
        Prf &l = scores.entities_lenient_by_type[t];
        l.tp += lenient[t];
        l.fp += predictedByType[t] - lenient[t];
        l.fn += goldByType[t] - lenient[t];
    }

    for (const EntitySpan &g : gold.entities)
        scores.gold_with_concept += g.concept_id.empty() ? 0 : 1;
    for (std::size_t j = 0; j < strict.size(); ++j) {
        if (strict[j] < 0)
            continue;
        const EntitySpan &g = gold.entities[static_cast<std::size_t>(strict[j])];
        if (g.concept_id.empty())
            continue;
        ++scores.linked_found;
        scores.linked_correct += predicted->entities[j].concept_id == g.concept_id ? 1 : 0;
    }

    // Relations: a predicted relation is true when both its ends match gold entities
    // strictly and a gold relation between those two has its type (each gold used once).
    std::vector<char> goldUsed(gold.relations.size(), 0);
    if (predicted) {
        for (const PredictedRelation &r : predicted->relations) {
            if (r.type == RelationType::None)
                continue;
            Prf &byType = scores.relations_by_type[relationIndex(r.type)];
            const auto ends = static_cast<int>(strict.size());
            const int head = r.head >= 0 && r.head < ends ? strict[static_cast<std::size_t>(r.head)] : -1;
            const int tail = r.tail >= 0 && r.tail < ends ? strict[static_cast<std::size_t>(r.tail)] : -1;
            bool found = false;
            for (std::size_t k = 0; head >= 0 && tail >= 0 && k < gold.relations.size(); ++k) {
                const RelationMention &g = gold.relations[k];
                if (!goldUsed[k] && g.head == head && g.tail == tail && g.type == r.type) {
                    goldUsed[k] = 1;
                    found = true;
                    break;
                }
            }
            ++(found ? byType.tp : byType.fp);
        }
    }
    for (std::size_t k = 0; k < gold.relations.size(); ++k) {
        if (!goldUsed[k] && gold.relations[k].type != RelationType::None)
            ++scores.relations_by_type[relationIndex(gold.relations[k].type)].fn;
    }
}

Prf sum(const auto &byType)
{
    Prf total;
    for (const Prf &p : byType) {
        total.tp += p.tp;
        total.fp += p.fp;
        total.fn += p.fn;
    }
    return total;
}

} // namespace

ExtractionScores scoreExtraction(const std::vector<Sentence> &gold, const std::vector<SentencePrediction> &predicted)
{
    std::unordered_map<std::string, std::size_t> byId;
    byId.reserve(predicted.size());
    for (std::size_t i = 0; i < predicted.size(); ++i)
        byId.emplace(predicted[i].sentence_id, i);
    ExtractionScores scores;
    for (const Sentence &sentence : gold) {
        const auto it = byId.find(sentence.id);
        addEntityCounts(sentence, it == byId.end() ? nullptr : &predicted[it->second], scores);
    }
    scores.entities_strict = sum(scores.entities_strict_by_type);
    scores.entities_lenient = sum(scores.entities_lenient_by_type);
    scores.relations = sum(scores.relations_by_type);
    return scores;
}

} // namespace seekbench::kg
