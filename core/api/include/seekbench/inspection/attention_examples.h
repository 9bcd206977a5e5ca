#pragma once

// Attention examples of a trained cross-modal (or image-only) model, for its run report
// (issue 24): one image of each class from the split the run evaluates on, each with the
// inspector's capture (attention_inspection.h) cut down to the map the report draws. The
// trainer writes them at the end of a run (eval/attention_examples.json in the run
// folder); `seekbench-cli inspect examples` writes them again from any checkpoint.
//
// JSON (format "seekbench-attention-examples-1"):
// {"format": "seekbench-attention-examples-1", "step": int, "split": "validation"|"test",
//  "examples": [ seekbench-attention-1 documents ]}

#include "seekbench/inspection/attention_inspection.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench {

inline constexpr const char *kAttentionExamplesFile = "eval/attention_examples.json";

struct AttentionExamples
{
    std::int64_t step = 0;
    std::string split = "validation";
    std::vector<AttentionInspection> examples;
};

// The map a report draws and nothing else: the class token's text-to-image attention of
// the last cross layer (the cross-modal model), else the last image self-attention layer
// (the image-only ViT); gradients dropped.
AttentionInspection keepReportedMap(AttentionInspection inspection);

std::string toJson(const AttentionExamples &examples);
// Throws std::invalid_argument naming what is missing or inconsistent ("attention
// examples: example 3: attention JSON: ...").
AttentionExamples attentionExamplesFromJson(const std::string &json);

} // namespace seekbench
