#pragma once

// Attention capture of a trained cross-modal (or image-only) model, torch-free for
// callers: the CLI's `inspect attention`, later the desktop inspector.

#include "seekbench/attention_inspection.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace seekbench {

struct InspectRequest
{
    std::filesystem::path checkpoint; // a .sbckpt file; its header holds the run's config
    std::int64_t sample = 0;          // index into the split
    std::string split = "test";       // test | train
    int captionClass = -1;            // the class the caption names; -1: the sample's own
    bool templateCaption = false;     // the class-only template instead of the full caption
    std::filesystem::path dataDir;    // overrides crossmodal.data_dir when not empty
};

// Runs the model once on the sample with capture on. Throws CheckpointError for a bad
// checkpoint, IdxError for bad data, std::invalid_argument for a bad request (the message
// names the problem).
AttentionInspection inspectAttention(const InspectRequest &request);

// Attention sanity over the first `samples` test images with their own (matched)
// captions: the share of the class token's text-to-image attention (last cross layer,
// mean over heads) that lands on object patches (at least half object pixels), against
// the share a uniform distribution would give (object patches / patches).
struct AttentionSanity
{
    int samples = 0;
    double objectShare = 0;
    double uniformShare = 0;
    double templateObjectShare = 0; // the same with class-only template captions
};
AttentionSanity measureAttentionSanity(const std::filesystem::path &checkpoint, int samples,
                                       const std::filesystem::path &dataDir = {});

} // namespace seekbench
