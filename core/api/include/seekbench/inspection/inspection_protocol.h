#pragma once

// The line protocol of `seekbench-cli inspect serve`, the inspector's helper process: one
// JSON object per line each way, so the model loads once and the GUI never waits on it.
//
// The helper first writes {"ready": true, "checkpoint": str, "step": int, "test_samples": int}
// (or {"ready": false, "error": str} and exits 2). Requests:
//   {"id": int, "op": "inspect", "sample": int, "split": "test"|"train", "gradients": bool}
//   {"id": int, "op": "testset", "samples": int, "offset": int}   test samples offset..offset+samples-1
//                 (offset optional, 0; the gallery comes with offset 0 only)
//   {"id": int, "op": "cancel"}   drop the queued request with this id, if not begun
//   {"op": "quit"}
// Replies: {"id": int, "ok": true, "inspection": <seekbench-attention-1>}
//          {"id": int, "ok": true, "testset": <seekbench-testset-1>}
//          {"id": int, "ok": false, "dropped": bool, "error": str}
// A queued inspect request is dropped (reply with "dropped": true) when a newer inspect
// request is already waiting behind it: the user has moved on.

#include "seekbench/inspection/attention_inspection.h"
#include "seekbench/inspection/test_set_summary.h"

#include <cstdint>
#include <optional>
#include <string>

namespace seekbench {

struct InspectionRequest
{
    std::int64_t id = 0;
    std::string op; // inspect | testset | cancel | quit
    std::int64_t sample = 0;
    std::string split = "test";
    bool gradients = true;
    int samples = 0; // testset
    int offset = 0;  // testset: the first test sample of this pass
};

// Throws std::invalid_argument naming the problem.
InspectionRequest inspectionRequestFromJson(const std::string &line);
std::string toJson(const InspectionRequest &request);

struct InspectionReply
{
    bool isReady = false; // the helper's first line
    bool ready = false;
    std::string checkpoint;
    std::int64_t step = 0, testSamples = 0;

    std::int64_t id = -1;
    bool ok = false, dropped = false;
    std::string error;
    std::optional<AttentionInspection> inspection;
    std::optional<TestSetSummary> testSet;
};

// Throws std::invalid_argument naming the problem (not JSON, no id, a bad document).
InspectionReply inspectionReplyFromJson(const std::string &line);

std::string readyLine(const std::string &checkpoint, std::int64_t step, std::int64_t testSamples);
std::string notReadyLine(const std::string &error);
std::string inspectionReplyLine(std::int64_t id, const AttentionInspection &inspection);
std::string testSetReplyLine(std::int64_t id, const TestSetSummary &summary);
std::string errorReplyLine(std::int64_t id, const std::string &error, bool dropped = false);

} // namespace seekbench
