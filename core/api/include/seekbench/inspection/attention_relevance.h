#pragma once

// What the attention inspector shows, computed from one AttentionInspection without
// torch or Qt: one head or the mean over heads, attention rollout within a self-attention
// stream, the bi-modal relevance of Chefer et al. 2021, and the rows and columns a token
// or a patch selects (the forward and the reverse view). Small dense matrices only (a
// sample has tens of patches and tokens), so everything here takes microseconds.

#include "seekbench/inspection/attention_inspection.h"

#include <string>
#include <vector>

namespace seekbench {

struct Matrix
{
    int rows = 0, cols = 0;
    std::vector<float> values; // row-major

    static Matrix zeros(int rows, int cols);
    static Matrix identity(int n);
    float at(int r, int c) const { return values[std::size_t(r) * std::size_t(cols) + std::size_t(c)]; }
    float &at(int r, int c) { return values[std::size_t(r) * std::size_t(cols) + std::size_t(c)]; }
};

Matrix operator*(const Matrix &a, const Matrix &b); // throws std::invalid_argument on a shape mismatch
Matrix transposed(const Matrix &m);

enum class AttentionMode {
    Attention, // the layer's own weights: one head or the mean over heads
    Rollout,   // Abnar & Zuidema 2020 within each self-attention stream, carried through the cross layer
    Relevance, // Chefer et al. 2021, generic attention-model explainability for bi-modal transformers
};

// One head (head >= 0) or the mean over heads (head < 0) of a map: queries x keys.
Matrix headMatrix(const AttentionMap &map, int head);

// The map of `kind` ("image_self" | "text_self" | "text_to_image" | "image_to_text") at
// `layer`, or nullptr.
const AttentionMap *findMap(const AttentionInspection &a, const std::string &kind, int layer);
int layerCount(const AttentionInspection &a, const std::string &kind);

// Rollout of the self-attention stream `kind` (image_self | text_self) over layers
// 0..lastLayer: the product of 0.5 A + 0.5 I (mean over heads, rows renormalised), so the
// residual path counts. Identity when the stream has no layers.
Matrix attentionRollout(const AttentionInspection &a, const std::string &kind, int lastLayer);

// Chefer et al. 2021 (ICCV), rules 6-11, with A-bar = mean over heads of (grad (.) A)^+ and
// the gradients of the match logit that the capture stores. Self layers of each stream
// first (text_tt += A R_tt, text_ti += A R_ti; the same for the image), then each
// co-attention layer with both directions reading the relevance before it:
//   R_ti += norm(R_tt)^T A_ti norm(R_ii),  R_tt += A_ti R_it   (text queries over patches)
//   R_it += norm(R_ii)^T A_it norm(R_tt),  R_ii += A_it R_ti   (patch queries over tokens)
// where norm(R) = (R - I) with rows normalised to sum 1, plus I.
struct BiModalRelevance
{
    Matrix textText, imageImage, textImage, imageText;
};
bool hasGradients(const AttentionInspection &a);
// Throws std::invalid_argument when a map has no gradients.
BiModalRelevance cheferRelevance(const AttentionInspection &a);

// The matrix a view selects, queries x keys along the axes of `kind`. Attention: the
// layer's head or mean. Rollout: the stream's rollout up to `layer` for self kinds; for a
// cross layer, rollout(query stream) x mean cross attention x rollout(key stream).
// Relevance: the Chefer matrix of the kind's axes (the layer does not matter). Throws
// std::invalid_argument naming a missing map or missing gradients.
Matrix viewMatrix(const AttentionInspection &a, const std::string &kind, int layer, int head, AttentionMode mode,
                  const BiModalRelevance *relevance = nullptr);

// The heat over the patches that a selection shows (empty: nothing to show), from a
// viewMatrix of `kind`. text_to_image: the token's row; image_to_text: the token's column
// (which patches attend to it); image_self: the clicked patch's row, or with no patch the
// attention each patch receives (mean over queries).
std::vector<float> patchHeat(const Matrix &view, const std::string &kind, int token, int patch);
// The reverse view: weights over the tokens. text_to_image: the patch's column (which
// tokens attend to it); image_to_text: the patch's row; text_self: the token's row.
std::vector<float> tokenWeights(const Matrix &view, const std::string &kind, int token, int patch);

} // namespace seekbench
