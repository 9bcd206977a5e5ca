#pragma once

// The value-to-position maths shared by the sweep charts: where a parameter's value sits
// on its axis (linear, log or categorical), the axis's ticks, and the objective colour map.

#include "seekbench/widgets/sweep_chart_data.h"

#include <QColor>
#include <QList>
#include <QString>

namespace seekbench::widgets {

struct SweepTick
{
    double unit = 0; // 0 (bottom or left) .. 1
    QString label;
};

class SweepScale
{
public:
    // Fits the axis to the finite values (log: the positive ones); a single value or none
    // gets a small range around it.
    static SweepScale fit(const SweepAxis &axis, const QList<double> &values);
    static SweepScale linear(double lo, double hi);

    // 0..1 for values in range (beyond it outside 0..1); NaN for NaN, or <= 0 on a log axis.
    double toUnit(double value) const;
    double fromUnit(double unit) const;
    QList<SweepTick> ticks(int maxTicks) const;
    QString format(double value) const; // a category's name, or a short number

    SweepAxis::Scale scale = SweepAxis::Scale::Linear;
    double lo = 0, hi = 1; // Log: in log10 units
    QStringList categories;
    bool integral = false; // Linear, every value whole: no ticks between integers
};

// A short number for labels: 3 significant digits, "1e-4" rather than "1e-04".
QString shortNumber(double value, int digits = 3);

// How good an objective value is among [lo, hi]: 1 for the best, 0 for the worst.
double objectiveQuality(double value, double lo, double hi, bool minimize);
// The line or cell colour of a quality on a viridis map, oriented so that the best has the
// most contrast against `base`: dark purple on a light background, yellow on a dark one.
QColor objectiveColour(double quality, const QColor &base);

} // namespace seekbench::widgets
