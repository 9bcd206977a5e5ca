#include "pdm/pdm_text.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace seekbench::ui {

QString PdmText::mode(const std::string &word)
{
    if (word == "bearing_wear")
        return tr("Bearing wear");
    if (word == "overheating")
        return tr("Overheating");
    if (word == "pump_cavitation")
        return tr("Pump cavitation");
    if (word == "failure")
        return tr("Failure");
    return QString::fromStdString(word);
}

QString PdmText::sensor(const std::string &word)
{
    if (word == "vibration_rms")
        return tr("Vibration RMS");
    if (word == "vibration_kurtosis")
        return tr("Vibration kurtosis");
    if (word == "bearing_temperature")
        return tr("Bearing temperature");
    if (word == "pressure")
        return tr("Pressure");
    if (word == "motor_current")
        return tr("Motor current");
    if (word == "speed")
        return tr("Speed");
    return QString::fromStdString(word);
}

QString PdmText::split(pdm::Split split)
{
    switch (split) {
    case pdm::Split::Train: return tr("training");
    case pdm::Split::Validation: return tr("validation");
    case pdm::Split::Test: return tr("test");
    }
    return {};
}

QString PdmText::time(double t, pdm::TimeUnit unit)
{
    if (!std::isfinite(t))
        return QStringLiteral("—");
    if (unit == pdm::TimeUnit::Cycles)
        return tr("cycle %1").arg(QLocale().toString(t, 'f', 0));
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(qint64(t * 1000), Qt::UTC);
    return when.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString PdmText::duration(double d, pdm::TimeUnit unit)
{
    if (!std::isfinite(d))
        return QStringLiteral("—");
    const QLocale l;
    if (unit == pdm::TimeUnit::Cycles)
        return tr("%1 cycles").arg(l.toString(d, 'f', 0));
    const double hours = d / 3600;
    if (std::fabs(hours) < 48)
        return tr("%1 h").arg(l.toString(hours, 'f', std::fabs(hours) < 10 ? 1 : 0));
    return tr("%1 days").arg(l.toString(hours / 24, 'f', 1));
}

QString PdmText::percent(double p)
{
    if (!std::isfinite(p))
        return QStringLiteral("—");
    return tr("%1%").arg(QLocale().toString(100 * p, 'f', p < 0.1 ? 1 : 0));
}

} // namespace seekbench::ui
