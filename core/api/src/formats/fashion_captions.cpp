#include "seekbench/formats/fashion_captions.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace seekbench {
namespace {

const char *const kSizes[] = {"small", "medium-sized", "large"};
const char *const kBrightness[] = {"dark", "mid-tone", "bright"};
const char *const kSides[] = {"left", "right", "top", "bottom"};
const char *const kGrammar[] = {"a", "photo", "of", "heavier", "on", "the"};

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const auto lo = std::size_t(std::floor(pos));
    const auto hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

} // namespace

const std::array<std::string, kFashionClasses> &fashionClassNames()
{
    static const std::array<std::string, kFashionClasses> names
        = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    return names;
}

const std::array<std::string, kFashionClasses> &fashionClassWords()
{
    static const std::array<std::string, kFashionClasses> words
        = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"};
    return words;
}

const std::vector<int> &similarClasses(int cls)
{
    static const std::vector<int> similar[kFashionClasses] = {
        {6, 2, 3}, // t-shirt: shirt, pullover, dress
        {3, 0},    // trouser: dress, t-shirt
        {4, 6, 0}, // pullover: coat, shirt, t-shirt
        {4, 0, 1}, // dress: coat, t-shirt, trouser
        {2, 6, 3}, // coat: pullover, shirt, dress
        {7, 9},    // sandal: sneaker, ankle boot
        {0, 2, 4}, // shirt: t-shirt, pullover, coat
        {5, 9},    // sneaker: sandal, ankle boot
        {2, 0, 4}, // bag: pullover, t-shirt, coat
        {7, 5},    // ankle boot: sneaker, sandal
    };
    return similar[std::clamp(cls, 0, kFashionClasses - 1)];
}

ImageMeasures measureImage(const std::uint8_t *pixels, int rows, int cols)
{
    ImageMeasures m;
    double mass = 0, left = 0, top = 0, objectSum = 0;
    int object = 0;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const int v = pixels[r * cols + c];
            mass += v;
            // The middle column or row (odd sizes) counts half to each side.
            left += 2 * c + 1 < cols ? v : 2 * c + 1 == cols ? v / 2.0 : 0;
            top += 2 * r + 1 < rows ? v : 2 * r + 1 == rows ? v / 2.0 : 0;
            if (v >= kObjectPixelThreshold) {
                ++object;
                objectSum += v;
            }
        }
    }
    m.size = double(object) / double(rows * cols);
    m.brightness = object > 0 ? objectSum / object / 255.0 : 0;
    if (mass > 0) {
        m.leftRight = (2 * left - mass) / mass;
        m.topBottom = (2 * top - mass) / mass;
    }
    return m;
}

AttributeThresholds AttributeThresholds::fit(const LabelledImages &images)
{
    std::array<std::vector<double>, kFashionClasses> size, bright, lr, tb;
    const std::size_t px = std::size_t(images.rows) * std::size_t(images.cols);
    for (std::int64_t i = 0; i < images.count; ++i) {
        const int cls = images.labels[std::size_t(i)];
        const auto m = measureImage(images.pixels.data() + std::size_t(i) * px, images.rows, images.cols);
        size[cls].push_back(m.size);
        bright[cls].push_back(m.brightness);
        lr[cls].push_back(m.leftRight);
        tb[cls].push_back(m.topBottom);
    }
    AttributeThresholds t;
    for (int c = 0; c < kFashionClasses; ++c) {
        t.size[c] = {quantile(size[c], 1.0 / 3), quantile(size[c], 2.0 / 3)};
        t.brightness[c] = {quantile(bright[c], 1.0 / 3), quantile(bright[c], 2.0 / 3)};
        t.lrMedian[c] = quantile(lr[c], 0.5);
        t.tbMedian[c] = quantile(tb[c], 0.5);
        // Interquartile range as the spread, so the two axes are compared in like units.
        t.lrSpread[c] = std::max(1e-6, quantile(lr[c], 0.75) - quantile(lr[c], 0.25));
        t.tbSpread[c] = std::max(1e-6, quantile(tb[c], 0.75) - quantile(tb[c], 0.25));
    }
    return t;
}

CaptionAttributes AttributeThresholds::describe(const ImageMeasures &m, int cls) const
{
    CaptionAttributes a;
    a.size = m.size < size[cls][0] ? 0 : m.size < size[cls][1] ? 1 : 2;
    a.brightness = m.brightness < brightness[cls][0] ? 0 : m.brightness < brightness[cls][1] ? 1 : 2;
    const double zlr = (m.leftRight - lrMedian[cls]) / lrSpread[cls];
    const double ztb = (m.topBottom - tbMedian[cls]) / tbSpread[cls];
    if (std::abs(zlr) >= std::abs(ztb))
        a.side = zlr >= 0 ? 0 : 1;
    else
        a.side = ztb >= 0 ? 2 : 3;
    return a;
}

CaptionVocabulary::CaptionVocabulary()
{
    m_words.push_back("<pad>");
    for (const char *w : kGrammar)
        m_words.push_back(w);
    for (const char *w : kSizes)
        m_words.push_back(w);
    for (const char *w : kBrightness)
        m_words.push_back(w);
    for (const char *w : kSides)
        m_words.push_back(w);
    for (const auto &w : fashionClassWords())
        m_words.push_back(w);
}

int CaptionVocabulary::id(const std::string &word) const
{
    const auto it = std::find(m_words.begin(), m_words.end(), word);
    if (it == m_words.end() || it == m_words.begin())
        throw std::invalid_argument("'" + word + "' is not in the caption vocabulary");
    return int(it - m_words.begin());
}

std::vector<std::string> CaptionVocabulary::caption(int cls, const CaptionAttributes *a)
{
    const std::string &name = fashionClassWords().at(std::size_t(cls));
    if (!a)
        return {"a", "photo", "of", "a", name};
    return {"a", kSizes[a->size], kBrightness[a->brightness], name, "heavier", "on", "the", kSides[a->side]};
}

std::array<std::int64_t, kCaptionTokens> CaptionVocabulary::encode(const std::vector<std::string> &words,
                                                                   int *length) const
{
    if (words.size() > std::size_t(kCaptionTokens))
        throw std::invalid_argument("a caption has at most " + std::to_string(kCaptionTokens) + " words");
    std::array<std::int64_t, kCaptionTokens> ids{};
    for (std::size_t i = 0; i < words.size(); ++i)
        ids[i] = id(words[i]);
    if (length)
        *length = int(words.size());
    return ids;
}

std::string CaptionVocabulary::toJson(const AttributeThresholds &t) const
{
    using nlohmann::json;
    json j;
    j["format"] = "seekbench-caption-vocabulary-1";
    j["tokens"] = m_words;
    j["pad_id"] = 0;
    j["caption_tokens"] = kCaptionTokens;
    j["classes"] = fashionClassNames();
    j["class_words"] = fashionClassWords();
    j["template"] = "a photo of a {class}";
    j["caption"] = "a {size} {brightness} {class} heavier on the {side}";
    j["object_pixel_threshold"] = kObjectPixelThreshold;
    json th = json::array();
    for (int c = 0; c < kFashionClasses; ++c)
        th.push_back({{"class", fashionClassWords()[c]},
                      {"size_terciles", t.size[c]},
                      {"brightness_terciles", t.brightness[c]},
                      {"left_right_median", t.lrMedian[c]},
                      {"left_right_iqr", t.lrSpread[c]},
                      {"top_bottom_median", t.tbMedian[c]},
                      {"top_bottom_iqr", t.tbSpread[c]}});
    j["thresholds"] = th;
    return j.dump(2);
}

int captionVocabularySize()
{
    static const int n = CaptionVocabulary().size();
    return n;
}

} // namespace seekbench
