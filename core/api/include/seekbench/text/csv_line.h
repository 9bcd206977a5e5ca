#pragma once

// Reading untrusted CSV and other line-based text files (imported transactions, sensor
// logs) one line at a time with bounded memory: a line is read up to a cap, however long it
// is in the file, and its fields are split and checked for UTF-8 before they are used.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace seekbench {

// Splits one CSV line (RFC 4180 quotes, no embedded newlines) into `fields`.
// false: an unterminated quote.
bool splitCsvLine(const std::string &line, std::vector<std::string> &fields);

// `s` without leading and trailing white space (spaces, tabs, CR, LF, VT, FF).
std::string trimSpaces(std::string_view s);

// The offset of the first byte of `s` that starts no valid UTF-8 sequence (a stray
// continuation byte, a cut sequence, an overlong form, a surrogate, past U+10FFFF), or
// npos when all of it is UTF-8.
std::size_t firstInvalidUtf8(std::string_view s);

enum class LineRead {
    Line,    // `line` holds the whole line
    TooLong, // the line was longer than the cap: `line` holds its first `maxBytes` bytes
    End,     // nothing left to read
};

// Reads the next line of `in` without its "\n" (and a "\r" before it). A line longer than
// `maxBytes` is read to its end but only its first `maxBytes` bytes are kept, so a file
// with no newline (or /dev/zero behind a pipe) never takes more than `maxBytes` of memory.
LineRead readBoundedLine(std::istream &in, std::string &line, std::size_t maxBytes);

// A line refused by CsvLineReader or its caller.
struct CsvBadLine
{
    std::int64_t line = 0; // 1-based line in the file
    std::string reason;    // names the column and shows the value with terminalText
    std::string text;      // the raw line (its first 1 KiB when it is over the cap)
};

// Reads a CSV file's header, then its records, with the checks every importer shares: a line
// over `maxLineBytes`, an unterminated quote, a wrong field count and a field that is not
// UTF-8 are refused as bad lines, with their line number and a reason naming the column.
// Blank lines are skipped. Fields come trimmed.
class CsvLineReader
{
public:
    explicit CsvLineReader(std::istream &in, std::size_t maxLineBytes = std::size_t(1) << 20);

    // The header's fields (a UTF-8 BOM dropped); false with `error` set ("" for an empty
    // file; else "line 1: ...").
    bool header(std::vector<std::string> &fields, std::string &error);
    // The next line that is not blank and within the cap, untrimmed and unsplit (a line over
    // the cap is refused here); false at the end.
    bool nextLine();
    // The next record: nextLine() split into one field per column of `columns`; false at the end.
    bool nextRecord(std::vector<std::string> &fields, const std::vector<std::string> &columns);
    // Refuses the current line.
    void reject(std::string reason);

    const std::string &line() const { return line_; }
    std::int64_t lineNumber() const { return lineNo_; }
    std::int64_t lines() const { return lines_; } // lines read past the header, blank ones excluded
    std::vector<CsvBadLine> &badLines() { return bad_; }

private:
    std::istream &in_;
    std::size_t maxLineBytes_;
    std::string line_;
    bool tooLong_ = false;
    std::int64_t lineNo_ = 0, lines_ = 0;
    std::vector<CsvBadLine> bad_;
};

// A header's columns, resolved by csvHeaderColumns.
struct CsvHeader
{
    std::vector<int> at;            // per known name, its column, or -1 when absent
    std::vector<std::string> names; // per column: a known name lower-cased, others as written
    std::vector<int> otherColumns;  // the columns that are no known name, in order
};

// Resolves `fields` against `known` names (matched case-insensitively), of which the first
// `required` must be present. Other columns are an error unless `maxOther` > 0 allows up to that
// many. No name may be empty, repeated or hold a control character. "" or the problem,
// "line 1: unknown column 'x' (expected a, b, c)".
std::string csvHeaderColumns(const std::vector<std::string> &fields, const std::vector<std::string> &known,
                             std::size_t required, std::size_t maxOther, CsvHeader &header);

// A value quoted in a reason: "'" + terminalText(value) + "'".
std::string csvShown(std::string_view value);
// `s` as one CSV field: in double quotes, inner quotes doubled.
std::string csvQuoted(std::string_view s);
// `s` in ASCII lower case.
std::string asciiLower(std::string s);

} // namespace seekbench
