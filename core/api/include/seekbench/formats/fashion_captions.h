#pragma once

// Captions for Fashion-MNIST images, torch-free. A caption names the class and three
// attributes measured from the pixels: size (share of object pixels), brightness (mean
// intensity of the object) and where the mass sits (left/right or top/bottom).
//
// The attributes must not leak the label: every threshold is fitted per class on the
// training split (terciles for size and brightness, the class median and spread for the
// mass balance), so within each class every attribute word is about equally frequent and
// an attribute word alone says next to nothing about the class.
//
//   full caption:     "a small dark sneaker heavier on the left"   (9 tokens with padding)
//   class template:   "a photo of a sneaker"                      (also used in training)
//
// The vocabulary is fixed by this grammar; CaptionVocabulary::toJson() is what a run
// saves beside its checkpoints (vocab.json) so captions can be encoded again later.

#include "seekbench/formats/idx_file.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace seekbench {

inline constexpr int kFashionClasses = 10;
inline constexpr int kCaptionTokens = 8; // longest caption; shorter ones are padded

// "T-shirt/top", "Trouser", ... as in the dataset's README.
const std::array<std::string, kFashionClasses> &fashionClassNames();
// The single caption token naming each class ("t-shirt", ..., "ankle-boot").
const std::array<std::string, kFashionClasses> &fashionClassWords();
// Classes easily confused with `cls` (the hard negatives), most similar first.
const std::vector<int> &similarClasses(int cls);

struct ImageMeasures
{
    double size = 0;       // share of pixels above the object threshold
    double brightness = 0; // mean intensity of those pixels, 0..1
    double leftRight = 0;  // (left - right) / total mass, -1..1
    double topBottom = 0;  // (top - bottom) / total mass
};
ImageMeasures measureImage(const std::uint8_t *pixels, int rows, int cols);

// Pixels at or above this count as object (not background), for attributes and for the
// attention sanity figure.
inline constexpr int kObjectPixelThreshold = 26; // about 0.1 of full scale

struct CaptionAttributes
{
    int size = 0;       // 0 small, 1 medium, 2 large
    int brightness = 0; // 0 dark, 1 mid-tone, 2 bright
    int side = 0;       // 0 left, 1 right, 2 top, 3 bottom
    bool operator==(const CaptionAttributes &) const = default;
};

// Per-class thresholds fitted on a split (the training split).
struct AttributeThresholds
{
    std::array<std::array<double, 2>, kFashionClasses> size{};       // terciles
    std::array<std::array<double, 2>, kFashionClasses> brightness{}; // terciles
    std::array<double, kFashionClasses> lrMedian{}, lrSpread{}, tbMedian{}, tbSpread{};

    static AttributeThresholds fit(const LabelledImages &images);
    CaptionAttributes describe(const ImageMeasures &m, int cls) const;
};

class CaptionVocabulary
{
public:
    CaptionVocabulary(); // the fixed grammar's vocabulary; id 0 is "<pad>"

    int size() const { return int(m_words.size()); }
    int id(const std::string &word) const; // throws std::invalid_argument for an unknown word
    const std::string &word(int id) const { return m_words.at(std::size_t(id)); }

    // Caption words. A null `attributes` gives the class-only template.
    static std::vector<std::string> caption(int cls, const CaptionAttributes *attributes);
    // Ids padded with 0 to kCaptionTokens; `length` receives the unpadded length.
    std::array<std::int64_t, kCaptionTokens> encode(const std::vector<std::string> &words, int *length = nullptr) const;

    // {"tokens": [...], "pad_id": 0, "caption_tokens": 8, "classes": [...],
    //  "class_words": [...], "template": "...", "thresholds": {...}}
    std::string toJson(const AttributeThresholds &thresholds) const;

    // Position of the class word in a caption (the same in both forms).
    static int classTokenIndex(bool templateCaption) { return templateCaption ? 4 : 3; }

private:
    std::vector<std::string> m_words;
};

// The vocabulary size of the caption grammar (what the text embedding needs).
int captionVocabularySize();

} // namespace seekbench
