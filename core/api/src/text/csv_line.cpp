#include "seekbench/text/csv_line.h"

#include "seekbench/formats/small_file.h"
#include "seekbench/text/terminal_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <streambuf>
#include <unordered_map>

namespace seekbench {

bool splitCsvLine(const std::string &line, std::vector<std::string> &fields)
{
    fields.clear();
    std::string cur;
    bool quoted = false, wasQuoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    cur += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cur += c;
            }
        } else if (c == '"' && cur.empty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (c == ',') {
            fields.push_back(cur);
            cur.clear();
            wasQuoted = false;
        } else {
            cur += c;
        }
    }
    fields.push_back(cur);
    return !quoted;
}

std::string trimSpaces(std::string_view s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return std::string(s.substr(a, b - a));
}

std::size_t firstInvalidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0, min = 0;
        if (b < 0x80)
            n = 1, cp = b;
        else if ((b & 0xE0) == 0xC0)
            n = 2, cp = b & 0x1Fu, min = 0x80;
        else if ((b & 0xF0) == 0xE0)
            n = 3, cp = b & 0x0Fu, min = 0x800;
        else if ((b & 0xF8) == 0xF0)
            n = 4, cp = b & 0x07u, min = 0x10000;
        else
            return i;
        if (i + n > s.size())
            return i;
        for (std::size_t k = 1; k < n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return std::string_view::npos;
}

LineRead readBoundedLine(std::istream &in, std::string &line, std::size_t maxBytes)
{
    line.clear();
    std::streambuf *buf = in.rdbuf();
    if (!buf) {
        in.setstate(std::ios::badbit);
        return LineRead::End;
    }
    using Traits = std::streambuf::traits_type;
    bool any = false, tooLong = false;
    for (;;) {
        const Traits::int_type c = buf->sbumpc();
        if (Traits::eq_int_type(c, Traits::eof())) {
            in.setstate(std::ios::eofbit);
            if (!any) {
                in.setstate(std::ios::failbit);
                return LineRead::End;
            }
            break;
        }
        any = true;
        if (Traits::to_char_type(c) == '\n')
            break;
        // One byte past the cap is kept, so that a line of exactly `maxBytes` ended by
        // "\r\n" is not too long.
        if (line.size() <= maxBytes)
            line += Traits::to_char_type(c);
        else
            tooLong = true;
    }
    if (!tooLong && !line.empty() && line.back() == '\r')
        line.pop_back();
    if (line.size() > maxBytes) {
        tooLong = true;
        line.resize(maxBytes);
    }
    return tooLong ? LineRead::TooLong : LineRead::Line;
}

std::string csvShown(std::string_view value) { return "'" + terminalText(value) + "'"; }

std::string asciiLower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

CsvLineReader::CsvLineReader(std::istream &in, std::size_t maxLineBytes) : in_(in), maxLineBytes_(maxLineBytes) {}

bool CsvLineReader::header(std::vector<std::string> &fields, std::string &error)
{
    error.clear();
    const LineRead read = readBoundedLine(in_, line_, maxLineBytes_);
    lineNo_ = 1;
    if (read == LineRead::End)
        return false;
    if (read == LineRead::TooLong) {
        error = "line 1: the header is longer than " + byteSizeText(maxLineBytes_);
        return false;
    }
    if (line_.compare(0, 3, "\xEF\xBB\xBF") == 0)
        line_.erase(0, 3);
    if (!splitCsvLine(line_, fields)) {
        error = "line 1: unterminated quoted field";
        return false;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (firstInvalidUtf8(fields[i]) != std::string::npos) {
            error = "line 1: column " + std::to_string(i + 1) + " " + csvShown(fields[i]) + " is not valid UTF-8";
            return false;
        }
        fields[i] = trimSpaces(fields[i]);
    }
    return true;
}

bool CsvLineReader::nextLine()
{
    for (;;) {
        const LineRead read = readBoundedLine(in_, line_, maxLineBytes_);
        if (read == LineRead::End)
            return false;
        ++lineNo_;
        tooLong_ = read == LineRead::TooLong;
        if (!tooLong_ && trimSpaces(line_).empty())
            continue; // a blank line carries nothing
        ++lines_;
        if (!tooLong_)
            return true;
        reject("the line is longer than " + byteSizeText(maxLineBytes_));
    }
}

bool CsvLineReader::nextRecord(std::vector<std::string> &fields, const std::vector<std::string> &columns)
{
    while (nextLine()) {
        if (!splitCsvLine(line_, fields)) {
            reject("unterminated quoted field");
            continue;
        }
        if (fields.size() != columns.size()) {
            reject("expected " + std::to_string(columns.size()) + " fields, found " + std::to_string(fields.size()));
            continue;
        }
        bool ok = true;
        for (std::size_t i = 0; i < fields.size() && ok; ++i) {
            if (const std::size_t at = firstInvalidUtf8(fields[i]); at != std::string::npos) {
                char byte[8];
                std::snprintf(byte, sizeof byte, "0x%02X", unsigned(static_cast<unsigned char>(fields[i][at])));
                reject(columns[i] + ": not valid UTF-8 (byte " + byte + " at byte " + std::to_string(at + 1)
                       + " of the field, column " + std::to_string(i + 1) + ")");
                ok = false;
            }
            fields[i] = trimSpaces(fields[i]);
        }
        if (ok)
            return true;
    }
    return false;
}

void CsvLineReader::reject(std::string reason)
{
    constexpr std::size_t kShownBytes = 1024; // of an over-long line, kept as its text
    bad_.push_back({lineNo_, std::move(reason), tooLong_ ? line_.substr(0, kShownBytes) : line_});
}

std::string csvHeaderColumns(const std::vector<std::string> &fields, const std::vector<std::string> &known,
                             std::size_t required, std::size_t maxOther, CsvHeader &h)
{
    h = CsvHeader{};
    h.at.assign(known.size(), -1);
    std::string list;
    for (const auto &n : known)
        list += (list.empty() ? "" : ", ") + n;
    std::unordered_map<std::string, int> seen;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name = asciiLower(fields[i]);
        const auto k = std::size_t(std::find(known.begin(), known.end(), name) - known.begin());
        const bool isKnown = k < known.size();
        if (!isKnown && maxOther == 0)
            return "line 1: unknown column " + csvShown(fields[i]) + " (expected " + list + ")";
        if (fields[i].empty())
            return "line 1: column " + std::to_string(i + 1) + " has no name";
        if (const std::string c = firstControlCharacter(fields[i]); !c.empty())
            return "line 1: column " + csvShown(fields[i]) + " holds a control character (" + c + ")";
        h.names.push_back(isKnown ? name : fields[i]);
        if (!seen.emplace(h.names.back(), int(i)).second)
            return "line 1: column " + csvShown(fields[i]) + " appears twice";
        if (isKnown)
            h.at[k] = int(i);
        else if (h.otherColumns.size() == maxOther)
            return "line 1: more than " + std::to_string(maxOther) + " columns besides " + list;
        else
            h.otherColumns.push_back(int(i));
    }
    for (std::size_t k = 0; k < required && k < known.size(); ++k)
        if (h.at[k] < 0)
            return "line 1: the header has no '" + known[k] + "' column";
    return {};
}

std::string csvQuoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace seekbench
