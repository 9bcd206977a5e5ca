#pragma once

// What the attention capture of the cross-modal model gives for one input, torch-free:
// the attention of every layer and head (self and cross), the gate values, the tokens and
// the image. The CLI writes it as JSON (`seekbench-cli inspect attention`), the inspector
// reads it back; renderAttentionOverlay() draws it over the image without Qt.
//
// JSON (format "seekbench-attention-1"):
// {
//   "format": "seekbench-attention-1",
//   "run":     {"checkpoint": str, "step": int, "architecture": "crossmodal"|"image_only"},
//   "sample":  {"split": "test"|"train", "index": int, "label": int, "class": str,
//               "image": {"rows": 28, "cols": 28, "pixels": [784 ints 0..255]}},
//   "patches": {"size": int, "grid_rows": int, "grid_cols": int,
//               "object_share": [P floats: share of object pixels in each patch]},
//   "caption": {"text": str, "tokens": [str], "template": bool, "class_token": int},
//   "gate":    {"text": float, "image": float},        (crossmodal only)
//   "scores":  {"match_logit": float, "class_logits": [10], "predicted_class": int},
//   "attention": [ {"kind": "image_self"|"text_self"|"text_to_image"|"image_to_text",
//                   "layer": int, "heads": int, "queries": int, "keys": int,
//                   "query_axis": "patches"|"tokens", "key_axis": "patches"|"tokens",
//                   "weights": [heads][queries][keys],
//                   "gradients": [heads][queries][keys] } ]      (optional)
// }
// "gradients" (optional, written by `inspect serve` and `inspect attention --gradients`)
// holds d(match_logit)/d(weights) for every map, the input of the Chefer et al. 2021
// relevance (attention_relevance.h); documents without it still load, and then only the
// relevance view is unavailable.
// Patches are numbered row-major over the grid. Token axes hold the caption's real tokens
// only (padding is masked, so its weight is exactly zero and is left out). Every row of
// "weights" sums to 1 over the keys.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench {

struct AttentionMap
{
    std::string kind;
    int layer = 0, heads = 0, queries = 0, keys = 0;
    std::vector<float> weights;   // heads * queries * keys, row-major
    std::vector<float> gradients; // empty, or d(match_logit)/d(weights) in the same layout

    float at(int head, int query, int key) const
    {
        return weights[(std::size_t(head) * std::size_t(queries) + std::size_t(query)) * std::size_t(keys)
                       + std::size_t(key)];
    }
    std::string queryAxis() const { return kind == "text_self" || kind == "text_to_image" ? "tokens" : "patches"; }
    std::string keyAxis() const { return kind == "text_self" || kind == "image_to_text" ? "tokens" : "patches"; }
};

struct AttentionInspection
{
    std::string checkpoint;
    std::int64_t step = 0;
    std::string architecture = "crossmodal";

    std::string split = "test";
    std::int64_t index = 0;
    int label = 0;
    std::string className;
    int rows = 28, cols = 28;
    std::vector<std::uint8_t> pixels;

    int patchSize = 4, gridRows = 7, gridCols = 7;
    std::vector<float> objectShare;

    std::string caption;
    std::vector<std::string> tokens;
    bool templateCaption = false;
    int classToken = -1;

    double gateText = 0, gateImage = 0;
    double matchLogit = 0;
    std::vector<double> classLogits;
    int predictedClass = -1;

    std::vector<AttentionMap> maps;
};

std::string toJson(const AttentionInspection &inspection);
// Throws std::invalid_argument naming the field that is missing or inconsistent.
AttentionInspection attentionInspectionFromJson(const std::string &json);

struct RgbImage
{
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb; // width * height * 3
};

// A grid of panels, each the image scaled by `scale` with the attention as a heat overlay.
// Rows: for each cross layer, the text-to-image attention of the class token; then for
// each image layer, the self-attention each patch receives (mean over queries). Columns:
// the plain image, one panel per head, then the mean over heads. Each panel is
// normalised to its own maximum.
RgbImage renderAttentionOverlay(const AttentionInspection &inspection, int scale = 8);

// The image as an 8-bit RGB PNG (zlib). Throws std::invalid_argument for an empty or
// inconsistent image.
std::string encodePng(const RgbImage &image);
// Writes it to `path`. Throws std::runtime_error naming the file.
void writePng(const std::filesystem::path &path, const RgbImage &image);

} // namespace seekbench
