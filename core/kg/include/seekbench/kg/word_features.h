#pragma once

// The NER + RE model's view of a word: hashed buckets of the lower-cased word itself and
// of its character 3- to 5-grams (with "<" and ">" marking its ends), fastText-style, so
// that a misspelt or unseen synonym shares most of its buckets with the forms the model
// was trained on; and its shape (capitalisation and digits), which separates gene symbols
// and abbreviations from plain words. Torch-free, so the tests and the baseline tools
// can see exactly what the model sees.

#include <cstdint>
#include <string_view>
#include <vector>

namespace seekbench::kg {

inline constexpr int kWordShapes = 6;

// 0 lower case, 1 capitalised, 2 all capitals (>= 2 letters), 3 letters and digits,
// 4 digits only, 5 anything else (punctuation, non-ASCII).
int wordShape(std::string_view word);

// Appends the word's buckets, each in [1, buckets) (0 is left for padding), duplicates
// removed. Deterministic on every machine (FNV-1a).
void wordBuckets(std::string_view word, int buckets, std::vector<std::int64_t> &out);

// The fingerprint of a corpus's text and annotations for a run's environment record.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = 1469598103934665603ULL);

} // namespace seekbench::kg
