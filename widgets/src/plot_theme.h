#pragma once

class QColor;
class QCPGraph;
class QCustomPlot;

namespace seekbench::widgets {

// Draws `plot` in its widget palette (background from Base, axes, ticks, labels and the
// legend from Text, the grid from Mid), now and again whenever the palette changes (the
// light and dark themes switch the application palette). Series keep their own colours.
void followPalette(QCustomPlot *plot);

// A graph that rings the selected trial's point (no legend entry); the caller sets its
// one point, or none.
QCPGraph *addSelectionRing(QCustomPlot *plot, const QColor &colour);

} // namespace seekbench::widgets
