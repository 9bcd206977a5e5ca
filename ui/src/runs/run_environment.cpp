#include "runs/run_environment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace seekbench::ui {

QJsonObject runEnvironment(const QString &runDir)
{
    const QStringList logs = QDir(runDir).entryList({QStringLiteral("*.out.log")}, QDir::Files, QDir::Time);
    for (const QString &name : logs) {
        QFile f(QDir(runDir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        // The start event is among the first lines; a long log is not read whole.
        for (int line = 0; line < 50 && !f.atEnd(); ++line) {
            const QByteArray text = f.readLine(1 << 20);
            if (!text.contains("\"environment\""))
                continue;
            const QJsonObject event = QJsonDocument::fromJson(text).object();
            if (event.contains(QLatin1String("environment")))
                return event.value(QLatin1String("environment")).toObject();
        }
    }
    return {};
}

QString blasSummary(const QJsonObject &env)
{
    if (env.isEmpty())
        return QCoreApplication::translate("RunEnvironment", "BLAS: not recorded (the run kept no output log here)");
    const QString blas = env.value(QLatin1String("blas")).toString();
    const QString core = env.value(QLatin1String("blas_core")).toString();
    QString text = core.isEmpty()
                       ? QCoreApplication::translate("RunEnvironment", "BLAS: %1").arg(blas)
                       : QCoreApplication::translate("RunEnvironment", "BLAS: %1 with %2 kernels").arg(blas, core);
    const QString why = env.value(QLatin1String("blas_selection")).toString();
    if (!why.isEmpty())
        text += QStringLiteral(" — ") + why;
    const double gflops = env.value(QLatin1String("blas_gflops")).toDouble();
    if (gflops > 0)
        text += QCoreApplication::translate("RunEnvironment", " (fp32 GEMM %1 GFLOP/s in the self-check)")
                    .arg(gflops, 0, 'f', 0);
    // Runs from before the fused kernels have no such key and say nothing about them.
    const QJsonValue fused = env.value(QLatin1String("fused_kernels"));
    if (fused.isBool())
        text += fused.toBool() ? QCoreApplication::translate("RunEnvironment", "; fused CPU kernels on")
                               : QCoreApplication::translate("RunEnvironment",
                                                             "; fused CPU kernels off (SEEKBENCH_FUSED_KERNELS=0)");
    return text;
}

QString precisionSummary(const QJsonObject &env)
{
    const QString precision = env.value(QLatin1String("precision")).toString();
    if (precision.isEmpty())
        return QString();
    const QString why = env.value(QLatin1String("precision_selection")).toString();
    if (why == QLatin1String("set in the config"))
        return QCoreApplication::translate("RunEnvironment", "Precision: %1, as the config sets it").arg(precision);
    // auto's reason names the measured GEMM rates; the engine writes it in English.
    return QCoreApplication::translate("RunEnvironment", "Precision: %1 — %2").arg(precision, why);
}

} // namespace seekbench::ui
