#include "sweep_scale.h"

#include "seekbench/widgets/attention_heatmap.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace seekbench::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double niceStep(double range, int maxTicks)
{
    const double raw = range / std::max(1, maxTicks - 1);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * mag)
            return m * mag;
    return 10 * mag;
}

} // namespace

QString shortNumber(double value, int digits)
{
    if (!std::isfinite(value))
        return QString();
    if (std::abs(value) < 1e-12)
        return QStringLiteral("0");
    // Whole digits are never cut to an exponent: 1900, not 1.9e3.
    const double magnitude = std::abs(value);
    if (magnitude >= 1 && magnitude < 1e6)
        digits = std::max(digits, int(std::floor(std::log10(magnitude))) + 1);
    QString s = QString::number(value, 'g', digits);
    s.replace(QLatin1String("e-0"), QLatin1String("e-"));
    s.replace(QLatin1String("e+0"), QLatin1String("e"));
    s.replace(QLatin1String("e+"), QLatin1String("e"));
    return s;
}

SweepScale SweepScale::linear(double lo, double hi)
{
    SweepScale s;
    s.lo = lo;
    s.hi = hi > lo ? hi : lo + 1;
    return s;
}

SweepScale SweepScale::fit(const SweepAxis &axis, const QList<double> &values)
{
    SweepScale s;
    s.scale = axis.scale;
    s.categories = axis.categories;
    if (s.scale == SweepAxis::Scale::Categorical) {
        s.lo = 0;
        s.hi = std::max<qsizetype>(1, s.categories.size());
        return s;
    }
    const bool log = s.scale == SweepAxis::Scale::Log;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : values) {
        if (!std::isfinite(v) || (log && v <= 0))
            continue;
        const double x = log ? std::log10(v) : v;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    } else if (hi - lo < 1e-12) {
        const double pad = log ? 0.5 : std::max(0.5, std::abs(lo) * 0.1);
        lo -= pad;
        hi += pad;
    }
    s.lo = lo;
    s.hi = hi;
    s.integral = !log && std::all_of(values.begin(), values.end(), [](double v) {
        return !std::isfinite(v) || v == std::floor(v);
    });
    return s;
}

double SweepScale::toUnit(double value) const
{
    if (!std::isfinite(value))
        return kNaN;
    switch (scale) {
    case SweepAxis::Scale::Categorical: return (value + 0.5) / (hi - lo);
    case SweepAxis::Scale::Log: return value > 0 ? (std::log10(value) - lo) / (hi - lo) : kNaN;
    case SweepAxis::Scale::Linear: break;
    }
    return (value - lo) / (hi - lo);
}

double SweepScale::fromUnit(double unit) const
{
    switch (scale) {
    case SweepAxis::Scale::Categorical: return unit * (hi - lo) - 0.5;
    case SweepAxis::Scale::Log: return std::pow(10.0, lo + unit * (hi - lo));
    case SweepAxis::Scale::Linear: break;
    }
    return lo + unit * (hi - lo);
}

QString SweepScale::format(double value) const
{
    if (scale == SweepAxis::Scale::Categorical) {
        const int i = int(std::lround(value));
        return i >= 0 && i < categories.size() ? categories.at(i) : QString();
    }
    return shortNumber(value, 4);
}

QList<SweepTick> SweepScale::ticks(int maxTicks) const
{
    QList<SweepTick> out;
    if (scale == SweepAxis::Scale::Categorical) {
        // Every category when they fit, else every k-th (the rest stay readable on hover).
        const int n = int(categories.size());
        const int every = std::max(1, (n + maxTicks - 1) / std::max(1, maxTicks));
        for (int i = 0; i < n; i += every)
            out.push_back({toUnit(i), categories.at(i)});
        return out;
    }
    if (scale == SweepAxis::Scale::Log) {
        const int first = int(std::ceil(lo - 1e-9)), last = int(std::floor(hi + 1e-9));
        if (last - first + 1 >= 2) { // whole decades, thinned to fit
            const int every = std::max(1, (last - first + maxTicks) / std::max(1, maxTicks));
            for (int d = first; d <= last; d += every)
                out.push_back({(d - lo) / (hi - lo), shortNumber(std::pow(10.0, d))});
            return out;
        }
        for (int d = int(std::floor(lo)); d <= int(std::ceil(hi)); ++d) // 1, 2, 5 per decade
            for (double m : {1.0, 2.0, 5.0}) {
                const double v = m * std::pow(10.0, d), u = (std::log10(v) - lo) / (hi - lo);
                if (u >= -1e-9 && u <= 1 + 1e-9)
                    out.push_back({u, shortNumber(v)});
            }
        if (out.size() >= 2)
            return out;
        out.clear();
        const double a = std::pow(10.0, lo), b = std::pow(10.0, hi), step = niceStep(b - a, maxTicks);
        for (double v = std::ceil(a / step) * step; v <= b + step * 1e-9; v += step)
            out.push_back({toUnit(v), shortNumber(v)});
        return out;
    }
    const double step = integral ? std::max(1.0, niceStep(hi - lo, maxTicks)) : niceStep(hi - lo, maxTicks);
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
        out.push_back({(v - lo) / (hi - lo), shortNumber(std::abs(v) < step * 1e-9 ? 0 : v)});
    return out;
}

double objectiveQuality(double value, double lo, double hi, bool minimize)
{
    if (!std::isfinite(value))
        return kNaN;
    const double t = hi > lo ? std::clamp((value - lo) / (hi - lo), 0.0, 1.0) : 1.0;
    return minimize ? 1 - t : t;
}

QColor objectiveColour(double quality, const QColor &base)
{
    const double q = std::clamp(std::isfinite(quality) ? quality : 0.0, 0.0, 1.0);
    const bool lightBase = base.lightness() > 127;
    return QColor::fromRgb(colourAt(ColourMap::Viridis, lightBase ? 1 - q : q));
}

} // namespace seekbench::widgets
