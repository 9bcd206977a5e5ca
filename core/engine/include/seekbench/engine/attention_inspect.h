#pragma once

// Attention capture of a trained cross-modal (or image-only) model, torch-free for
// callers: the CLI's `inspect attention`, later the desktop inspector.

#include "seekbench/inspection/attention_examples.h"
#include "seekbench/inspection/attention_inspection.h"
#include "seekbench/inspection/test_set_summary.h"

#include <cstdint>
#include <filesystem>
#include <memory>
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
    bool gradients = false;           // also d(match_logit)/d(attention) for every map
};

// Runs the model once on the sample with capture on. Throws CheckpointError for a bad
// checkpoint, IdxError for bad data, std::invalid_argument for a bad request (the message
// names the problem).
AttentionInspection inspectAttention(const InspectRequest &request);

// A checkpoint loaded once for many inspections (`seekbench-cli inspect serve`): the
// model and the test split stay in memory. The constructor throws as inspectAttention.
class AttentionSession
{
public:
    AttentionSession(const std::filesystem::path &checkpoint, const std::filesystem::path &dataDir = {});
    ~AttentionSession();
    AttentionSession(const AttentionSession &) = delete;
    AttentionSession &operator=(const AttentionSession &) = delete;

    // request.checkpoint and request.dataDir are ignored: the session's own are used.
    AttentionInspection inspect(const InspectRequest &request);
    // Test images offset..offset+samples-1 (clipped to the split): label, prediction,
    // gate, and a gallery of the first `perClass` images of each class among them.
    TestSetSummary testSet(int samples, int perClass = 4, std::int64_t offset = 0);
    // The run report's attention examples (attention_examples.h) from `split`:
    // "validation" (what the run evaluated on during training, as the trainer writes
    // them) or "test". Throws std::invalid_argument for another split.
    AttentionExamples examples(const std::string &split = "validation");
    std::int64_t step() const;
    std::int64_t testSamples() const; // the run's own test split (data.eval_samples)

private:
    struct State;
    std::unique_ptr<State> d;
};

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
