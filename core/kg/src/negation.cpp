// NegEx-style negation and hedging: a cue in the words before a mention, in the same
// clause, flags it. Clauses end at '.', ';', a ',' followed by "but" or "although", and the
// words "but" and "however", so "no fever but a cough" negates the fever only.

#include "seekbench/kg/linking.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace seekbench::kg {

namespace {

// Besides the header's cues: the other forms of "denies" and "neither ... nor", which case
// notes use as much ("She denied ...", "He had neither rash nor fever").
constexpr std::array<std::string_view, 9> kNegationWords = {"no",      "not",     "denies",  "denied", "deny",
                                                            "denying", "without", "neither", "nor"};
constexpr std::array<std::string_view, 7> kHedgeWords = {"possible", "possibly", "suspected", "may",
                                                         "might",    "probable", "likely"};
// Two-word cues, recognised at their second word.
struct Pair
{
    std::string_view first, second;
};
constexpr std::array<Pair, 3> kNegationPairs = {{{"negative", "for"}, {"ruled", "out"}, {"absence", "of"}}};
constexpr std::array<Pair, 1> kHedgePairs = {{{"cannot", "exclude"}}};

bool isOneOf(std::string_view word, const auto &list)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool endsPair(std::string_view previous, std::string_view word, const auto &pairs)
{
    return std::any_of(pairs.begin(), pairs.end(),
                       [&](const Pair &p) { return p.first == previous && p.second == word; });
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<unsigned char>(c) < 0x80 ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
    return out;
}

} // namespace

void markNegationAndHedging(const std::string &text, SentencePrediction &prediction)
{
    const std::vector<Word> spans = tokenize(text);
    std::vector<std::string> words;
    words.reserve(spans.size());
    for (const Word &w : spans)
        words.push_back(lower(std::string_view(text).substr(static_cast<std::size_t>(w.begin),
                                                            static_cast<std::size_t>(w.end - w.begin))));

    // The flags in force at each word (from the cues before it in its clause), and at the end.
    std::vector<std::pair<bool, bool>> state(words.size() + 1);
    bool negated = false, hedged = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        state[i] = {negated, hedged};
        const std::string &w = words[i];
        const std::string_view next = i + 1 < words.size() ? std::string_view(words[i + 1]) : std::string_view();
        const std::string_view previous = i > 0 ? std::string_view(words[i - 1]) : std::string_view();
        if (w == "." || w == ";" || w == "but" || w == "however"
            || (w == "," && (next == "but" || next == "although"))) {
            negated = hedged = false;
            continue;
        }
        negated = negated || isOneOf(w, kNegationWords) || endsPair(previous, w, kNegationPairs);
        hedged = hedged || isOneOf(w, kHedgeWords) || endsPair(previous, w, kHedgePairs);
    }
    state[words.size()] = {negated, hedged};

    for (PredictedEntity &entity : prediction.entities) {
        // The mention's first word: the first word starting at or after its begin.
        const auto first = std::lower_bound(spans.begin(), spans.end(), entity.begin,
                                            [](const Word &w, int begin) { return w.begin < begin; });
        const auto &[isNegated, isHedged] = state[static_cast<std::size_t>(first - spans.begin())];
        entity.negated = isNegated;
        entity.hedged = isHedged;
    }
}

} // namespace seekbench::kg
