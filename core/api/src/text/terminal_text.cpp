#include "seekbench/text/terminal_text.h"

#include <cstdint>
#include <cstdio>

namespace seekbench {
namespace {

// One decoded character of UTF-8 text: its code point, or -1 for a byte that starts no
// valid sequence (shown as "\xNN"); `size` bytes long.
struct Char
{
    std::int32_t cp;
    std::size_t size;
};

Char decode(std::string_view s, std::size_t i)
{
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80)
        return {b, 1};
    std::size_t n = 0;
    std::int32_t cp = 0, min = 0;
    if ((b & 0xE0) == 0xC0)
        n = 2, cp = b & 0x1F, min = 0x80;
    else if ((b & 0xF0) == 0xE0)
        n = 3, cp = b & 0x0F, min = 0x800;
    else if ((b & 0xF8) == 0xF0)
        n = 4, cp = b & 0x07, min = 0x10000;
    else
        return {-1, 1};
    if (i + n > s.size())
        return {-1, 1};
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80)
            return {-1, 1};
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return {-1, 1};
    return {cp, n};
}

bool isControl(std::int32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

// The escape of a control character or a bad byte; "" for a printable character.
std::string escapeOf(std::string_view s, std::size_t i, const Char &c)
{
    char buf[16];
    if (c.cp < 0) {
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(s[i])));
        return buf;
    }
    if (!isControl(c.cp))
        return {};
    switch (c.cp) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case 0x1B: return "\\e";
    default: break;
    }
    std::snprintf(buf, sizeof buf, c.cp < 0x80 ? "\\x%02X" : "\\u%04X", static_cast<unsigned>(c.cp));
    return buf;
}

std::size_t columnsOf(std::int32_t cp)
{
    // Combining marks and zero-width characters.
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0xFE00 && cp <= 0xFE0F))
        return 0;
    // East Asian Wide and Fullwidth (Hangul Jamo, CJK, kana, Hangul, fullwidth forms, emoji).
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

} // namespace

std::string terminalText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Char c = decode(text, i);
        const std::string escaped = escapeOf(text, i, c);
        if (escaped.empty())
            out.append(text.substr(i, c.size));
        else
            out += escaped;
        i += c.size;
    }
    return out;
}

std::size_t terminalWidth(std::string_view text)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Char c = decode(text, i);
        const std::string escaped = escapeOf(text, i, c);
        width += escaped.empty() ? columnsOf(c.cp) : escaped.size();
        i += c.size;
    }
    return width;
}

std::string terminalCell(std::string_view text, std::size_t width)
{
    if (terminalWidth(text) <= width)
        return terminalText(text) + std::string(width - terminalWidth(text), ' ');
    if (width == 0)
        return {};
    // Whole characters (and whole escapes) that fit in width - 1 columns, then "…".
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        const Char c = decode(text, i);
        const std::string escaped = escapeOf(text, i, c);
        const std::size_t w = escaped.empty() ? columnsOf(c.cp) : escaped.size();
        if (used + w > width - 1)
            break;
        if (escaped.empty())
            out.append(text.substr(i, c.size));
        else
            out += escaped;
        used += w;
        i += c.size;
    }
    return out + "\u2026" + std::string(width - 1 - used, ' ');
}

std::string firstControlCharacter(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const Char c = decode(text, i);
        if (c.cp >= 0 && isControl(c.cp))
            return escapeOf(text, i, c);
        i += c.size;
    }
    return {};
}

} // namespace seekbench
