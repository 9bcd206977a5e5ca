// Words and BIO tags: how the model sees a sentence (corpus.h).

#include "seekbench/kg/corpus.h"

#include <algorithm>

namespace seekbench::kg {

namespace {

// Letters and digits; any byte of a multi-byte UTF-8 character counts as a letter, so
// accented and Chinese text stays inside words.
bool isWordByte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

} // namespace

std::vector<Word> tokenize(const std::string &text)
{
    std::vector<Word> words;
    const std::size_t size = text.size();
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    std::size_t i = 0;
    while (i < size) {
        if (isSpace(byte(i))) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        if (!isWordByte(byte(i))) {
            words.push_back({static_cast<int>(begin), static_cast<int>(begin + 1)});
            ++i;
            continue;
        }
        while (i < size) {
            if (isWordByte(byte(i)))
                ++i;
            // An inner hyphen or apostrophe joins: "COVID-19", "Crohn's".
            else if ((text[i] == '-' || text[i] == '\'') && i + 1 < size && isWordByte(byte(i + 1)))
                i += 2;
            else
                break;
        }
        words.push_back({static_cast<int>(begin), static_cast<int>(i)});
    }
    return words;
}

std::vector<int> bioTags(const Sentence &sentence, const std::vector<Word> &words)
{
    std::vector<int> tags(words.size(), 0);
    std::size_t w = 0;
    for (const EntitySpan &span : sentence.entities) {
        while (w < words.size() && words[w].end <= span.begin)
            ++w;
        bool first = true;
        for (std::size_t k = w; k < words.size() && words[k].begin < span.end; ++k) {
            const int type = static_cast<int>(span.type);
            tags[k] = first ? 1 + 2 * type : 2 + 2 * type;
            first = false;
        }
    }
    return tags;
}

std::vector<EntitySpan> spansFromTags(const std::vector<int> &tags, const std::vector<Word> &words)
{
    std::vector<EntitySpan> spans;
    const std::size_t n = std::min(tags.size(), words.size());
    int open = -1; // the type of the span being read, or -1
    for (std::size_t i = 0; i < n; ++i) {
        const int tag = tags[i];
        if (tag <= 0 || tag >= kBioTags) {
            open = -1;
            continue;
        }
        const int type = (tag - 1) / 2;
        const bool inside = (tag - 1) % 2 == 1;
        if (inside && open == type) {
            spans.back().end = words[i].end;
            continue;
        }
        // A B, or an I that does not continue a span of its type, starts a span.
        EntitySpan span;
        span.begin = words[i].begin;
        span.end = words[i].end;
        span.type = static_cast<ConceptType>(type);
        spans.push_back(span);
        open = type;
    }
    return spans;
}

} // namespace seekbench::kg
