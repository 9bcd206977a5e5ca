#include "common/number_text.h"

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {
constexpr int kSignificant = 4;
constexpr int kMaxDecimals = 6;
} // namespace

NumberStyle NumberStyle::forValues(const QList<double> &values)
{
    NumberStyle style;
    for (double v : values) {
        if (!std::isfinite(v) || v == 0)
            continue;
        const double magnitude = std::abs(v);
        if (magnitude < 1e-3 || magnitude >= 1e6) {
            style.scientific = true;
            style.decimals = 2;
            return style;
        }
        // The fewest decimals that show this value to four significant digits (0.5 needs
        // one, 0.2629 four); the row takes the most any of its values needs.
        const int digitsBeforePoint = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
        const int most = std::clamp(kSignificant - digitsBeforePoint, 0, kMaxDecimals);
        const double scale = std::pow(10.0, most);
        const double rounded = std::round(magnitude * scale) / scale;
        int needed = 0;
        while (needed < most) {
            const double s = std::pow(10.0, needed);
            if (std::abs(std::round(rounded * s) / s - rounded) < 0.5 / scale)
                break;
            ++needed;
        }
        style.decimals = std::max(style.decimals, needed);
    }
    return style;
}

QString NumberStyle::text(double value) const
{
    if (!std::isfinite(value))
        return QString::number(value);
    return scientific ? QString::number(value, 'e', decimals) : QString::number(value, 'f', decimals);
}

QString NumberStyle::delta(double value) const
{
    const QString magnitude = text(std::abs(value));
    return (value < 0 ? QStringLiteral("\u2212") : QStringLiteral("+")) + magnitude;
}

} // namespace seekbench::ui
