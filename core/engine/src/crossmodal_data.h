#pragma once

// Fashion-MNIST image-caption pairs for the cross-modal task: the splits as tensors, the
// measured attributes, and the candidate captions (the right one and its negatives).

#include "seekbench/config/run_config.h"
#include "seekbench/formats/fashion_captions.h"

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace seekbench::engine {

struct FashionSplit
{
    at::Tensor images;                // [N, 1, 28, 28] float, normalised
    std::vector<std::uint8_t> labels; // N
    std::vector<CaptionAttributes> attributes;
    // The attributes of each image mirrored left to right (crossmodal.augment_flip): its
    // left/right mass changes sign, size and brightness stay.
    std::vector<CaptionAttributes> mirroredAttributes;
    std::vector<std::uint8_t> pixels;    // N * 28 * 28, the raw bytes (for overlays)
    std::vector<std::int64_t> fileIndex; // N, each image's index in its IDX file
    std::int64_t count() const { return std::int64_t(labels.size()); }
};

struct FashionPairs
{
    // train and validation partition the IDX training file; test is the t10k file.
    FashionSplit train, validation, test;
    AttributeThresholds thresholds; // fitted on the training images (validation held out)
    CaptionVocabulary vocabulary;
    std::uint64_t fingerprint = 0;
};

// The training file's images split into validation (data.validation_samples of them,
// validationIndices) and training (the rest, in file order, the first
// data.train_samples of them), and the first data.eval_samples test images, from
// crossmodal.data_dir. Without `withTrain` only the test split is built (the thresholds
// are fitted all the same). Throws IdxError naming the file for bad data and
// std::invalid_argument naming data.validation_samples when it leaves no training image.
FashionPairs loadFashionPairs(const RunConfig &config, bool withTrain = true);

// The validation images' indices into `labels` (the training file), ascending: `count`
// of them, stratified (each class gets its share of the file, largest remainders first)
// and drawn at random within each class with `seed`.
std::vector<std::int64_t> validationIndices(const std::vector<std::uint8_t> &labels, std::int64_t count,
                                            std::uint64_t seed);

// Training augmentation: image i moved by offsets[i] = {dx, dy} pixels (right and down are
// positive), the uncovered border filled with background. images [N, 1, 28, 28], normalised.
at::Tensor shiftImages(const at::Tensor &images, const std::vector<std::array<int, 2>> &offsets);
// Training augmentation: the images with mirrored[i] set are flipped left to right.
at::Tensor mirrorImages(const at::Tensor &images, const std::vector<bool> &mirrored);

struct EncodedCaptions
{
    at::Tensor ids;  // [N, kCaptionTokens] long
    at::Tensor mask; // [N, kCaptionTokens] bool, true on real tokens
};
EncodedCaptions encodeCaptions(const CaptionVocabulary &vocabulary,
                               const std::vector<std::vector<std::string>> &captions);

// The right caption first, then config.negatives wrong ones. With probability
// template_share all are class-only templates; hard negatives name a similar class.
std::vector<std::vector<std::string>> candidateCaptions(const CrossModalConfig &config, int cls,
                                                        const CaptionAttributes &attributes, std::mt19937_64 &rng);

// The ten class-only template captions, class 0 first.
std::vector<std::vector<std::string>> classTemplates();

} // namespace seekbench::engine
