#pragma once

// One pass of a cross-modal model over its test split, torch-free: per sample the label,
// the predicted class (best of the ten class templates) and the gate weights with its own
// caption, plus a small gallery of images. The inspector's sample pickers (by class,
// misclassified, gallery) and its gate-by-class chart read it.
//
// JSON (format "seekbench-testset-1"):
// {"format": "seekbench-testset-1", "checkpoint": str, "step": int,
//  "classes": [10 str],
//  "samples": [{"index": int, "label": int, "predicted": int, "gate_text": float, "gate_image": float}],
//  "gallery": [{"index": int, "pixels": [784 ints 0..255]}]}

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench {

struct TestSample
{
    std::int64_t index = 0;
    int label = 0, predicted = 0;
    double gateText = 0, gateImage = 0;
    bool misclassified() const { return label != predicted; }
};

struct GalleryImage
{
    std::int64_t index = 0;
    std::vector<std::uint8_t> pixels; // 28 x 28
};

struct TestSetSummary
{
    std::string checkpoint;
    std::int64_t step = 0;
    std::vector<std::string> classes;
    std::vector<TestSample> samples;
    std::vector<GalleryImage> gallery;
};

std::string toJson(const TestSetSummary &summary);
// Throws std::invalid_argument naming the field that is missing or inconsistent.
TestSetSummary testSetSummaryFromJson(const std::string &json);

} // namespace seekbench
