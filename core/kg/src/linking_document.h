#pragma once

// The document's context in linking (Linker::linkAll): how much a document of the corpus
// sticks to one concept of each type, learnt from the training documents' gold links.

#include "seekbench/kg/corpus.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

namespace seekbench::kg::linking_detail {

// Per concept type, how much a training document sticks to one concept of the type: the
// share of its gold mentions of the type that name its most mentioned one, over all
// training documents. Near 1 for diseases (a case note is about one disease), low for
// symptoms (a note lists several): the document's context weighs that much. 0 for a type
// without training mentions.
inline std::array<double, kConceptTypes> documentConcentration(const Corpus &corpus)
{
    std::array<double, kConceptTypes> top{}, all{};
    std::array<std::unordered_map<std::string_view, int>, kConceptTypes> counts;
    for (const Document &document : corpus.documents) {
        if (document.split != Split::Train)
            continue;
        for (auto &c : counts)
            c.clear();
        for (const Sentence &sentence : document.sentences) {
            for (const EntitySpan &e : sentence.entities) {
                if (!e.concept_id.empty())
                    ++counts[static_cast<std::size_t>(e.type) % kConceptTypes][e.concept_id];
            }
        }
        for (std::size_t t = 0; t < kConceptTypes; ++t) {
            int most = 0;
            for (const auto &entry : counts[t]) {
                all[t] += entry.second;
                most = std::max(most, entry.second);
            }
            top[t] += most;
        }
    }
    std::array<double, kConceptTypes> share{};
    for (std::size_t t = 0; t < kConceptTypes; ++t)
        share[t] = all[t] > 0 ? top[t] / all[t] : 0.0;
    return share;
}

} // namespace seekbench::kg::linking_detail
