#pragma once

// Reading the user's own transactions from CSV. The header names the columns:
//   timestamp,sender,receiver,amount,currency[,channel][,label]
// in any order (extra columns are an error, so a misnamed one is not silently ignored).
// timestamp: ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00, 2026-03-01) in UTC, or
// seconds since the epoch; amount > 0; currency: three capital letters; channel: one of
// wire, ach, card, cash, crypto (empty: wire); label: 0, 1 or empty (unknown).
// Every field must be UTF-8, and account ids (sender, receiver) printable: no control
// characters. Every bad row is reported with its line number and reason (which names the
// column, values shown with control characters and bad bytes escaped) and kept, never
// dropped.

#include "seekbench/aml/data.h"
#include "seekbench/text/timestamp.h"

#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace seekbench::aml {

struct BadRow
{
    std::int64_t line = 0; // 1-based line in the file
    std::string reason;    // "amount: 'abc' is not a number"; printable UTF-8
    std::string text;      // the raw line
};

struct CsvImport
{
    AmlData data; // good rows; accounts named as in the file
    std::vector<BadRow> bad;
    std::int64_t lines = 0;  // data lines read (header excluded)
    std::string headerError; // non-empty: the file could not be read at all
};

// Parses CSV text. Accounts already known (by name) can be passed in `known` so that
// their indices are kept: new accounts are appended after them.
CsvImport parseTransactionsCsv(std::istream &in, const Accounts &known = {});
CsvImport readTransactionsCsv(const std::filesystem::path &file, const Accounts &known = {});

// Writes bad rows as CSV: line,reason,text (quoted). Returns false when it cannot write.
bool writeQuarantine(const std::filesystem::path &file, const std::vector<BadRow> &bad);

// Writes transactions as CSV in the import format (the generator's output, for a round trip).
bool writeTransactionsCsv(const std::filesystem::path &file, const AmlData &data);

// Seconds since the epoch from ISO 8601 or a number (seekbench/text/timestamp.h).
using seekbench::parseTimestamp;

} // namespace seekbench::aml
