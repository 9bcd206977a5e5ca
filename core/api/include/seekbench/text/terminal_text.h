#pragma once

// Stored text (run names, tags, notes, messages) shown in a terminal. Such text comes
// from users and files and may hold control characters: an escape sequence, BEL, CR or
// LF would act on the terminal or break a table's rows. Here they are shown escaped, and
// table cells are cut at character boundaries by display width (a CJK character takes
// two columns), never inside a UTF-8 sequence.

#include <cstddef>
#include <string>
#include <string_view>

namespace seekbench {

// `text` with every control character escaped: "\n", "\r", "\t", "\e" and "\xNN" for the
// other C0 codes, DEL and bytes that are not UTF-8; "\u0085" style for C1 controls.
// Printable UTF-8 (CJK included) is kept as it is.
std::string terminalText(std::string_view text);

// Columns `terminalText(text)` takes in a terminal: 2 for East Asian wide characters, 0
// for combining marks, 1 otherwise.
std::size_t terminalWidth(std::string_view text);

// A table cell: `terminalText(text)` cut to at most `width` columns at a character
// boundary (the last column "…" when cut) and padded with spaces to exactly `width`.
std::string terminalCell(std::string_view text, std::size_t width);

// The first control character of `text` (C0, DEL or C1) as terminalText writes it, or ""
// when there is none: for refusing names and tags by what they contain.
std::string firstControlCharacter(std::string_view text);

} // namespace seekbench
