#pragma once

#include <QJsonObject>
#include <QString>

namespace seekbench::ui {

// What a run recorded about the machine it trained on: the `environment` object of the
// start event in its newest *.out.log (the current attempt's). Empty when the run has
// no such log (started elsewhere without keeping its output).
QJsonObject runEnvironment(const QString &runDir);
// One line for the System tab: the BLAS library, the kernels it ran and why, with the
// self-check's GEMM rate when Seekbench chose them.
QString blasSummary(const QJsonObject &environment);
// The precision the run trained in and why (precision: auto measured it); empty when the
// run recorded none (runs from before issue 29).
QString precisionSummary(const QJsonObject &environment);

} // namespace seekbench::ui
