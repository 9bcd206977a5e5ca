#pragma once

// The string side of linking for forms the dictionary does not have (linking.h): an
// IDF-weighted soft match of words, in the manner of SoftTF-IDF (Cohen, Ravikumar and
// Fienberg 2003), so that
//  - a misspelling matches its word by edit distance ("familil" ~ "familial", "girodaephin"
//    ~ "griodaephin": one transposition);
//  - a synonym that shares the stem matches it through medical suffixes ("gunotic" ~
//    "gunosis", "praunopathy" ~ "praunopathic");
//  - words many concepts of the type share ("syndrome", "disease", "serum", "level",
//    "calcium", "pain") weigh little, by their inverse document frequency over the type's
//    concepts, so that two drugs' "<x> calcium" forms or two "<x> syndrome"s do not look
//    alike for sharing them; function words ("of", "the") weigh nothing, so that "pain of
//    the flank" is "flank pain".
// A form's score is the F1 of the weighted share of its words the mention covers and of the
// mention's words the form covers, each word counted with the similarity of its best match.
// Also the first linker's whole-form character trigrams (StringMatch::Trigrams).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace seekbench::kg::linking_detail {

// The distinct character trigrams of "  <text> " (pg_trgm's padding, so that short forms
// and word starts weigh), as sorted 24-bit keys.
inline std::vector<std::uint32_t> trigrams(const std::string &normalised)
{
    const std::string padded = "  " + normalised + " ";
    std::vector<std::uint32_t> keys;
    keys.reserve(padded.size());
    for (std::size_t i = 0; i + 2 < padded.size(); ++i) {
        keys.push_back((std::uint32_t(static_cast<unsigned char>(padded[i])) << 16)
                       | (std::uint32_t(static_cast<unsigned char>(padded[i + 1])) << 8)
                       | std::uint32_t(static_cast<unsigned char>(padded[i + 2])));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

// Words of a normalised form (normaliseMention): split on spaces, a possessive "'s" dropped
// ("vycell's disease" -> "vycell", "disease").
inline std::vector<std::string> formWords(const std::string &normalised)
{
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < normalised.size()) {
        std::size_t end = normalised.find(' ', start);
        if (end == std::string::npos)
            end = normalised.size();
        std::string word = normalised.substr(start, end - start);
        if (word.size() > 3 && word.compare(word.size() - 2, 2, "'s") == 0)
            word.resize(word.size() - 2);
        if (!word.empty())
            words.push_back(std::move(word));
        start = end + 1;
    }
    return words;
}

inline bool isFunctionWord(std::string_view word)
{
    static constexpr std::array<std::string_view, 12> kWords = {"a",  "an", "and", "at",  "for", "in",
                                                                "of", "on", "or",  "the", "to",  "with"};
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

// The word less its longest medical suffix ("-osis", "-otic", "-opathy", "-emia", "-ic",
// ...), when at least three letters stay: the stem two forms of one term share.
inline std::string_view wordStem(std::string_view word)
{
    static constexpr std::array<std::string_view, 16> kSuffixes = {"opathic",  "opathy", "pathic", "pathy",
                                                                   "ological", "ology",  "aemia",  "emia",
                                                                   "emic",     "osis",   "otic",   "itis",
                                                                   "itic",     "ic",     "ia",     "y"};
    for (std::string_view suffix : kSuffixes) {
        if (word.size() >= suffix.size() + 3 && word.substr(word.size() - suffix.size()) == suffix)
            return word.substr(0, word.size() - suffix.size());
    }
    return word;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions); any value
// above `limit` is returned as limit + 1, and the work stops there.
inline int editDistance(std::string_view a, std::string_view b, int limit)
{
    const auto la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
    if (std::abs(la - lb) > limit)
        return limit + 1;
    std::vector<int> previous2(std::size_t(lb) + 1), previous(std::size_t(lb) + 1), current(std::size_t(lb) + 1);
    for (int j = 0; j <= lb; ++j)
        previous[std::size_t(j)] = j;
    for (int i = 1; i <= la; ++i) {
        current[0] = i;
        int rowMin = i;
        for (int j = 1; j <= lb; ++j) {
            const int cost = a[std::size_t(i - 1)] == b[std::size_t(j - 1)] ? 0 : 1;
            int d = std::min(
                {previous[std::size_t(j)] + 1, current[std::size_t(j - 1)] + 1, previous[std::size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[std::size_t(i - 1)] == b[std::size_t(j - 2)]
                && a[std::size_t(i - 2)] == b[std::size_t(j - 1)])
                d = std::min(d, previous2[std::size_t(j - 2)] + 1);
            current[std::size_t(j)] = d;
            rowMin = std::min(rowMin, d);
        }
        if (rowMin > limit)
            return limit + 1;
        std::swap(previous2, previous);
        std::swap(previous, current);
    }
    return std::min(previous[std::size_t(lb)], limit + 1);
}

// 1 for the same word; 0.9 for the same stem; 1 - distance / length for one edit (words of
// three letters or more) or two (seven or more); else 0. Numbers only match exactly: "29"
// and "28" name different proteins.
inline double wordSimilarity(std::string_view a, std::string_view b)
{
    if (a == b)
        return 1;
    double best = 0;
    const std::string_view stemA = wordStem(a), stemB = wordStem(b);
    if (stemA == stemB && (stemA.size() < a.size() || stemB.size() < b.size()))
        best = 0.9;
    const std::size_t shorter = std::min(a.size(), b.size());
    if (shorter >= 3) {
        const int limit = shorter >= 7 ? 2 : 1;
        const int d = editDistance(a, b, limit);
        if (d <= limit)
            best = std::max(best, 1.0 - double(d) / double(std::max(a.size(), b.size())));
    }
    return best;
}

// One concept type's forms, their words and the words' weights.
class WordIndex
{
public:
    void addForm(int conceptIndex, const std::string &normalised)
    {
        Form form{conceptIndex, {}};
        for (const std::string &word : formWords(normalised)) {
            auto [it, added] = m_vocabulary.try_emplace(word, static_cast<int>(m_words.size()));
            if (added) {
                m_words.push_back({word, {}, 0});
                const auto id = it->second;
                for (std::uint32_t key : wordTrigrams(word))
                    m_trigramWords[key].push_back(id);
                m_stemWords[std::string(wordStem(word))].push_back(id);
            }
            Word &w = m_words[std::size_t(it->second)];
            if (w.concepts.empty() || w.concepts.back() != conceptIndex)
                w.concepts.push_back(conceptIndex); // forms arrive concept by concept
            if (std::find(form.words.begin(), form.words.end(), it->second) == form.words.end())
                form.words.push_back(it->second);
        }
        if (form.words.empty())
            return;
        for (int word : form.words)
            m_wordForms[word].push_back(static_cast<int>(m_forms.size()));
        m_forms.push_back(std::move(form));
    }

    // Inverse document frequency over the type's concepts; call once all forms are in.
    void finish(std::size_t concepts)
    {
        const double n = double(std::max<std::size_t>(concepts, 1));
        m_unknownWeight = std::log(1 + n);
        for (Word &w : m_words)
            w.weight = isFunctionWord(w.text) ? 0.0
                                              : std::log(1 + n / double(std::max<std::size_t>(w.concepts.size(), 1)));
    }

    // Every concept with a form that shares a similar word with the mention, with its best
    // form's score in (0, 1].
    std::vector<std::pair<int, double>> score(const std::string &normalised) const
    {
        const std::vector<std::string> mention = formWords(normalised);
        // For each mention word: the vocabulary words like it, with their similarity.
        std::vector<std::unordered_map<int, double>> similar(mention.size());
        std::vector<double> ownWeight(mention.size(), m_unknownWeight);
        std::vector<int> forms;
        for (std::size_t i = 0; i < mention.size(); ++i) {
            if (isFunctionWord(mention[i])) {
                ownWeight[i] = 0;
                continue; // it would only propose forms for a word that weighs nothing
            }
            if (const auto known = m_vocabulary.find(mention[i]); known != m_vocabulary.end())
                ownWeight[i] = m_words[std::size_t(known->second)].weight;
            for (int id : lookalikes(mention[i])) {
                const double s = wordSimilarity(mention[i], m_words[std::size_t(id)].text);
                if (s <= 0)
                    continue;
                similar[i].emplace(id, s);
                if (const auto it = m_wordForms.find(id); it != m_wordForms.end())
                    forms.insert(forms.end(), it->second.begin(), it->second.end());
            }
        }
        std::sort(forms.begin(), forms.end());
        forms.erase(std::unique(forms.begin(), forms.end()), forms.end());

        std::unordered_map<int, double> best;
        for (int f : forms) {
            const Form &form = m_forms[std::size_t(f)];
            double covered = 0, total = 0; // the form's words the mention covers
            std::vector<double> mentionBest(mention.size(), 0.0), mentionWeight = ownWeight;
            for (int word : form.words) {
                const double weight = m_words[std::size_t(word)].weight;
                double s = 0;
                for (std::size_t i = 0; i < mention.size(); ++i) {
                    const auto it = similar[i].find(word);
                    if (it == similar[i].end())
                        continue;
                    s = std::max(s, it->second);
                    if (it->second > mentionBest[i]) {
                        mentionBest[i] = it->second;
                        mentionWeight[i] = weight; // a misspelt word weighs as the word it matches
                    }
                }
                covered += weight * s;
                total += weight;
            }
            double precisionSum = 0, precisionTotal = 0;
            for (std::size_t i = 0; i < mention.size(); ++i) {
                precisionSum += mentionWeight[i] * mentionBest[i];
                precisionTotal += mentionWeight[i];
            }
            const double recall = total > 0 ? covered / total : 0;
            const double precision = precisionTotal > 0 ? precisionSum / precisionTotal : 0;
            if (recall + precision <= 0)
                continue;
            double &b = best[form.concept_index];
            b = std::max(b, 2 * recall * precision / (recall + precision));
        }
        std::vector<std::pair<int, double>> out(best.begin(), best.end());
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    struct Word
    {
        std::string text;
        std::vector<int> concepts; // distinct, in order
        double weight;
    };
    struct Form
    {
        int concept_index;
        std::vector<int> words; // distinct
    };

    static std::vector<std::uint32_t> wordTrigrams(const std::string &word)
    {
        const std::string padded = " " + word + " ";
        std::vector<std::uint32_t> keys;
        for (std::size_t i = 0; i + 2 < padded.size(); ++i)
            keys.push_back((std::uint32_t(static_cast<unsigned char>(padded[i])) << 16)
                           | (std::uint32_t(static_cast<unsigned char>(padded[i + 1])) << 8)
                           | std::uint32_t(static_cast<unsigned char>(padded[i + 2])));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        return keys;
    }

    // Vocabulary words that may be similar: the same stem, or a character trigram in common
    // (one edit leaves most of a word's trigrams in place).
    std::vector<int> lookalikes(const std::string &word) const
    {
        std::vector<int> ids;
        if (const auto it = m_stemWords.find(std::string(wordStem(word))); it != m_stemWords.end())
            ids = it->second;
        for (std::uint32_t key : wordTrigrams(word)) {
            if (const auto it = m_trigramWords.find(key); it != m_trigramWords.end())
                ids.insert(ids.end(), it->second.begin(), it->second.end());
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    }

    std::unordered_map<std::string, int> m_vocabulary;
    std::vector<Word> m_words;
    std::vector<Form> m_forms;
    std::unordered_map<int, std::vector<int>> m_wordForms;
    std::unordered_map<std::uint32_t, std::vector<int>> m_trigramWords;
    std::unordered_map<std::string, std::vector<int>> m_stemWords;
    double m_unknownWeight = 1;
};

} // namespace seekbench::kg::linking_detail
