#pragma once

// The medical knowledge graph task (data.kind "kg_corpus"): entity and relation extraction
// over a project's annotated corpus (seekbench/kg/corpus.h). The DeepSeek-style encoder
// (model.*, bidirectional) reads a sentence's words, each embedded as the mean of its
// hashed character n-gram buckets plus its shape; a token head gives BIO tags of the five
// entity types; a pairwise head classifies each ordered pair of entities whose types fit a
// relation signature (ontology.h) into a relation or "none", from the two spans' mean
// states, their product, the mean state of the words between them and their types.
// Trained jointly (the relation head on the gold entities); evaluated end to end on the
// validation documents (eval/entity_f1 strict, eval/relation_f1 on predicted entities,
// eval/f1 their mean). When training ends it writes every sentence's predictions with the
// entities' contextual embeddings, and each concept's prototype (the mean embedding of its
// gold training mentions), to kg::kExtractionOutputsFile for linking and the graph.

#include "training_task.h"

namespace seekbench::engine {

std::unique_ptr<TrainingTask> makeKgTask(const RunConfig &config, int rank, int worldSize,
                                         std::shared_ptr<const DatasetSource> dataset);

} // namespace seekbench::engine
