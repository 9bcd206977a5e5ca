#pragma once

// The colours of runs: one per run everywhere (runs table swatch, every chart, the compare
// table, reports), from Paul Tol's "bright" scheme, which stays distinct under the common
// colour-vision deficiencies and reads on light and dark backgrounds alike. A run's
// colour is its store index (RunRecord::color) modulo the palette's size. Within one run,
// train and eval curves differ by line style (solid, dashed), not by colour.

#include <QColor>
#include <QString>

namespace seekbench::widgets {

inline constexpr int kRunPaletteSize = 7;

// The colour of palette index `index` (any int; taken modulo the size, negatives too).
QColor runColor(int index);

// The line style of a metric key: dashed for evaluation figures (eval/..., test/...),
// solid for the rest, so a run's train and eval curves share its colour.
Qt::PenStyle metricLineStyle(const QString &key);

} // namespace seekbench::widgets
