#include "seekbench/text/timestamp.h"

#include "seekbench/text/csv_line.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace seekbench {
namespace {

bool digits(const std::string &s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

bool parseTimestamp(const std::string &text, double &seconds)
{
    const std::string s = trimSpaces(text);
    if (s.empty())
        return false;
    if (s.find('-') == std::string::npos || (s[0] == '-' && s.find('-', 1) == std::string::npos)) {
        char *end = nullptr;
        errno = 0;
        const double v = std::strtod(s.c_str(), &end);
        if (end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v) || v < 0)
            return false;
        seconds = v;
        return true;
    }
    int y, mo, d, h = 0, mi = 0, se = 0;
    if (!digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s.size() < 10 || s[7] != '-'
        || !digits(s, 8, 2, d))
        return false;
    std::size_t pos = 10;
    if (pos < s.size()) {
        if (s[pos] != 'T' && s[pos] != ' ')
            return false;
        if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, mi))
            return false;
        pos += 6;
        if (pos < s.size() && s[pos] == ':') {
            if (!digits(s, pos + 1, 2, se))
                return false;
            pos += 3;
        }
        if (pos < s.size() && s.substr(pos) != "Z" && s.substr(pos) != "+00:00")
            return false;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 || y < 1970)
        return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[mo - 1] + (mo == 2 && leap ? 1 : 0))
        return false;
    // Days from the civil date (Howard Hinnant's algorithm).
    const int yy = y - (mo <= 2);
    const int era = yy / 400;
    const unsigned yoe = unsigned(yy - era * 400);
    const unsigned doy = unsigned((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const long long days = (long long)era * 146097 + (long long)doe - 719468;
    seconds = double(days) * 86400 + h * 3600 + mi * 60 + se;
    return true;
}

} // namespace seekbench
