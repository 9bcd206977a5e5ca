#pragma once

// The knowledge graph panels' test data: the store fixture's graph (tests/kg/
// kg_store_fixture.h) with the sentences its edges cite, in English, French and Chinese
// (UTF-8, so byte offsets and characters differ), and what makes an entity from a word.

#include "kg_store_fixture.h"

#include <QRectF>

#include <string>
#include <vector>

namespace kgpanels {

using namespace seekbench;

// An entity over the first occurrence of `word` in `text`, in bytes.
inline kg::PredictedEntity entity(const std::string &text, const std::string &word, kg::ConceptType type,
                                  const std::string &conceptId)
{
    kg::PredictedEntity e;
    const auto at = text.find(word);
    e.begin = at == std::string::npos ? -1 : static_cast<int>(at);
    e.end = e.begin + static_cast<int>(word.size());
    e.type = type;
    e.confidence = 0.9f;
    e.concept_id = conceptId;
    e.link_method = "exact";
    e.link_score = 1;
    return e;
}

inline projects::KgSentenceRecord sentence(const std::string &id, const std::string &text,
                                           std::vector<kg::PredictedEntity> entities,
                                           std::vector<kg::PredictedRelation> relations)
{
    return {id, id.substr(0, id.find(':')), text, std::move(entities), std::move(relations)};
}

using kg::ConceptType;
using kg::RelationType;

// The fixture's sentences and more: Chinese (d1:1), French (d2:0), the contradiction's
// two sides (d4:0, d4:1); d4:2 is cited but not stored.
inline std::vector<projects::KgSentenceRecord> sentences()
{
    auto all = kgfixture::sentences();
    const std::string zh = "法布里病患者可能出现发热和烧灼痛。";
    all.push_back(sentence("d1:1", zh,
                           {entity(zh, "法布里病", ConceptType::Disease, "DIS0001"),
                            entity(zh, "发热", ConceptType::Symptom, "SYM0001"),
                            entity(zh, "烧灼痛", ConceptType::Symptom, "SYM0002")},
                           {{0, 1, RelationType::HasSymptom, 0.8f}, {0, 2, RelationType::HasSymptom, 0.7f}}));
    all.back().entities[1].hedged = true;
    const std::string fr = "La maladie de Fabry provoque une fièvre élevée et une acroparesthésie.";
    all.push_back(sentence("d2:0", fr,
                           {entity(fr, "maladie de Fabry", ConceptType::Disease, "DIS0001"),
                            entity(fr, "fièvre élevée", ConceptType::Symptom, "SYM0001"),
                            entity(fr, "acroparesthésie", ConceptType::Symptom, "SYM0002")},
                           {{0, 1, RelationType::HasSymptom, 0.7f}, {0, 2, RelationType::HasSymptom, 0.6f}}));
    const std::string treats = "Agalsidase beta treats Fabry disease.";
    all.push_back(sentence("d4:0", treats,
                           {entity(treats, "Agalsidase beta", ConceptType::Drug, "DRG0001"),
                            entity(treats, "Fabry disease", ConceptType::Disease, "DIS0001")},
                           {{0, 1, RelationType::Treats, 0.7f}}));
    const std::string contra = "Agalsidase beta is contraindicated for Fabry disease with renal failure.";
    all.push_back(sentence("d4:1", contra,
                           {entity(contra, "Agalsidase beta", ConceptType::Drug, "DRG0001"),
                            entity(contra, "Fabry disease", ConceptType::Disease, "DIS0001")},
                           {{0, 1, RelationType::ContraindicatedFor, 0.6f}}));
    return all;
}

inline bool overlaps(const QRectF &a, const QRectF &b)
{
    return a.intersected(b).width() > 0.5 && a.intersected(b).height() > 0.5;
}

} // namespace kgpanels
