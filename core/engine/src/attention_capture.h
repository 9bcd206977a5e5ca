#pragma once

// The inspector's maths: one image through the cross-modal (or image-only) model with
// attention capture on, as the torch-free AttentionInspection. The CLI's inspector
// (attention_inspect.cpp) and the trainer's attention examples for reports
// (crossmodal_task.cpp) both call it, so a report shows what the inspector shows.

#include "crossmodal_data.h"
#include "crossmodal_model.h"

#include "seekbench/inspection/attention_examples.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::engine {

// The share of object pixels (at least kObjectPixelThreshold) in each patch, row-major.
std::vector<float> objectShares(const std::uint8_t *pixels, int rows, int cols, int patch);

struct CaptureWhat
{
    std::int64_t sample = 0;
    int captionClass = -1;        // the class the caption names; -1: the sample's own
    bool templateCaption = false; // the class-only template instead of the full caption
    bool gradients = false;       // also d(match_logit)/d(attention) for every map
};

// Runs `model` (in eval mode, on its own device) once on split image `what.sample`.
// The caller has checked the sample and caption class.
AttentionInspection captureAttention(CrossModalModel &model, const FashionSplit &split, const std::string &splitName,
                                     const CaptionVocabulary &vocabulary, const CrossModalConfig &config,
                                     const CaptureWhat &what, const std::string &checkpoint, std::int64_t step);

// The first image of each class in the split, in split order.
std::vector<std::int64_t> exampleSamples(const FashionSplit &split);

// The report's attention examples: exampleSamples() captured, each cut to the reported
// map (keepReportedMap). Leaves the model in the mode it found it in.
AttentionExamples attentionExamples(CrossModalModel &model, const FashionSplit &split, const std::string &splitName,
                                    const CaptionVocabulary &vocabulary, const CrossModalConfig &config,
                                    const std::string &checkpoint, std::int64_t step);

} // namespace seekbench::engine
