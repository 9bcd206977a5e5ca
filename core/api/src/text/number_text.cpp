#include "seekbench/text/number_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace seekbench {
namespace {

// The whole text as a long long; false when it is not one or out of range (`overflow`).
bool readInteger(const std::string &text, long long &v, bool *overflow = nullptr)
{
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (overflow)
        *overflow = !text.empty() && r.ec == std::errc::result_out_of_range;
    return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
}

} // namespace

long long parseInteger(const std::string &key, const std::string &text)
{
    long long v = 0;
    bool overflow = false;
    if (readInteger(text, v, &overflow))
        return v;
    if (overflow)
        throw std::invalid_argument(key + ": '" + text + "' is out of range (a whole number of at most 19 digits)");
    throw std::invalid_argument(key + ": '" + text + "' is not a number");
}

long long parseIntegerIn(const std::string &key, const std::string &text, long long min, long long max)
{
    long long v = 0;
    if (!readInteger(text, v) || v < min || v > max)
        throw std::invalid_argument(key + " '" + text + "' is not " + std::to_string(min) + ".." + std::to_string(max));
    return v;
}

long long parseCount(const std::string &key, const std::string &text, long long min)
{
    long long v = 0;
    if (!readInteger(text, v) || v < min)
        throw std::invalid_argument(key + ": '" + text + "' is not a " + (min > 0 ? "positive count" : "count"));
    return v;
}

double parseNumber(const std::string &key, const std::string &text)
{
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::out_of_range &) {
        throw std::invalid_argument(key + ": '" + text + "' is out of range");
    } catch (const std::exception &) {
        used = 0;
    }
    if (text.empty() || used != text.size() || !std::isfinite(v)) // stod reads "nan" and "inf"
        throw std::invalid_argument(key + ": '" + text + "' is not a number");
    return v;
}

double parseNumberIn(const std::string &key, const std::string &text, double min, double max)
{
    const double v = parseNumber(key, text);
    if (v < min || v > max) {
        char range[64];
        std::snprintf(range, sizeof range, "%g..%g", min, max);
        throw std::invalid_argument(key + " '" + text + "' is not " + range);
    }
    return v;
}

std::string shortNumber(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

} // namespace seekbench
