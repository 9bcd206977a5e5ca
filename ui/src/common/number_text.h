#pragma once

#include <QList>
#include <QString>

namespace seekbench::ui {

// One number format for the values shown side by side (a compare row, a runs-table
// column): all scientific when any needs it (a learning rate of 3e-04 beside 0.003 reads
// as 3.00e-04 beside 3.00e-03), otherwise fixed with the decimals the most precise value
// needs for four significant digits, so the points line up.
struct NumberStyle
{
    bool scientific = false;
    int decimals = 0;

    static NumberStyle forValues(const QList<double> &values);
    QString text(double value) const;
    // A difference with its sign ("+0.0120", "−3.10e-04").
    QString delta(double value) const;
};

} // namespace seekbench::ui
