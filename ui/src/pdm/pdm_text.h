#pragma once

// The predictive maintenance scenario's stored words and figures in the user's language:
// failure modes, sensors, splits, times and lead times in the fleet's unit. The store keeps
// the English words (scripts and the CLI read them); only what is shown is translated.

#include "seekbench/pdm/fleet.h"
#include "seekbench/pdm/windows.h"

#include <QCoreApplication>
#include <QString>

#include <string>

namespace seekbench::ui {

class PdmText
{
    Q_DECLARE_TR_FUNCTIONS(PdmText)
public:
    static QString mode(const std::string &word);   // bearing_wear | overheating | pump_cavitation | failure
    static QString sensor(const std::string &word); // vibration_rms | ...; imported names as they are
    static QString split(pdm::Split split);         // training | validation | test machines
    // A moment: a date and time (UTC) for a fleet in seconds, "cycle 120" for one in cycles.
    static QString time(double t, pdm::TimeUnit unit);
    // A duration (lead time, RUL): "2.5 days", "18 h", "35 cycles"; "—" for NaN.
    static QString duration(double d, pdm::TimeUnit unit);
    // A probability as a percentage: "87%".
    static QString percent(double p);
};

} // namespace seekbench::ui
