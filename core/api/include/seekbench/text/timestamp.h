#pragma once

// Times written by people and other programs in imported files (transactions, sensor
// logs): ISO 8601 in UTC (2026-03-01T14:05:00Z, 2026-03-01 14:05:00, 2026-03-01, with an
// optional "Z" or "+00:00") or seconds since the epoch (1772373900, 1772373900.5).

#include <string>

namespace seekbench {

// Seconds since 1970-01-01 UTC from ISO 8601 or a non-negative number (surrounding spaces
// allowed); false when it is neither, and `seconds` is left as it was.
bool parseTimestamp(const std::string &text, double &seconds);

} // namespace seekbench
