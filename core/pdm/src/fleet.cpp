#include "seekbench/pdm/fleet.h"

namespace seekbench::pdm {

const char *timeUnitName(TimeUnit unit) { return unit == TimeUnit::Cycles ? "cycles" : "seconds"; }

const char *sensorName(Sensor sensor)
{
    switch (sensor) {
    case Sensor::VibrationRms: return "vibration_rms";
    case Sensor::VibrationKurtosis: return "vibration_kurtosis";
    case Sensor::BearingTemperature: return "bearing_temperature";
    case Sensor::Pressure: return "pressure";
    case Sensor::MotorCurrent: return "motor_current";
    case Sensor::Speed: return "speed";
    }
    return "?";
}

const char *maintenanceKindName(MaintenanceKind kind)
{
    return kind == MaintenanceKind::Corrective ? "corrective" : "scheduled";
}

} // namespace seekbench::pdm
