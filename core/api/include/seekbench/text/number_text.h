#pragma once

// Numbers typed by a user (command-line options): read whole, range-checked, never
// truncated or wrapped. Each throws std::invalid_argument naming the option (`key`), the
// text and the problem; the CLI reports it as bad input (exit 2).

#include <string>

namespace seekbench {

// "--key: 'text' is not a number"; "--key: 'text' is out of range (...)" past long long.
long long parseInteger(const std::string &key, const std::string &text);
// An integer in [min, max]: "--key 'text' is not min..max".
long long parseIntegerIn(const std::string &key, const std::string &text, long long min, long long max);
// A count of at least `min`: "--key: 'text' is not a count" ("a positive count" for min 1).
long long parseCount(const std::string &key, const std::string &text, long long min = 0);
// A finite number: "--key: 'text' is not a number" (nan and inf included), "... is out of
// range" past a double.
double parseNumber(const std::string &key, const std::string &text);
// A number in [min, max]: "--key 'text' is not min..max".
double parseNumberIn(const std::string &key, const std::string &text, double min, double max);

// A number for a message, as short as it reads exactly to 10 digits: 3600, 0.25, 1.5e+09, nan.
std::string shortNumber(double value);

} // namespace seekbench
