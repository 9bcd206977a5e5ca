#pragma once

// What a knowledge-graph run trains on (data.kind "kg_corpus"): a corpus of the project,
// handed to the trainer in memory by `seekbench-cli kg train`.

#include "seekbench/kg/corpus.h"
#include "seekbench/run/dataset_source.h"

#include <memory>
#include <string>

namespace seekbench::kg {

struct KgDataset final : DatasetSource
{
    KgDataset(std::shared_ptr<const Corpus> c, std::string n, std::string o)
        : corpus(std::move(c)), name(std::move(n)), origin(std::move(o))
    {}
    std::shared_ptr<const Corpus> corpus;
    std::string name;   // the corpus's name in the project
    std::string origin; // "corpus 'x' of project /path", for messages
};

} // namespace seekbench::kg
