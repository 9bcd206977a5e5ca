#pragma once

// What the screenshot suite checks on each screen it shows. Each function returns one
// line per problem, naming the screen and the widget (class, objectName or the nearest
// named ancestor, and its text), so a failure says what to look at in which PNG.

#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class QObject;
class QWidget;

namespace seekbench::widgets {
class LivePlot;
}

namespace screenchecks {

// "QLabel runTitle in runView \"baseline\"".
QString describe(const QObject *object);

// Every visible label, button, check box and tab of `root` (a shown window) whose text
// needs more room than it has: a label's sizeHint (heightForWidth when it word-wraps)
// larger than its geometry, a button narrower than its text and icon, a tab narrower
// than its text (Qt elides it), a chart's legend entry narrower than its text.
QStringList clippedText(const QWidget *root, const QString &screen);

// Every visible QCustomPlot under `root`: its rendered background, its axis rects' and its
// legend's brushes are dark in the dark theme (lightness <= 0.5) and light in the light
// one. The custom-painted charts of widgets/ (timeline, threshold curve, activity, gates,
// the case graph) are checked by their rendered background.
QStringList chartBackgrounds(const QWidget *root, bool dark, const QString &screen);

// One colour per run: in every chart of `plots`, each run's series carry the run's
// palette colour (`expected`, run id -> colour), the chart's graphs of that series are
// drawn in it (alpha aside: the raw curve behind a smoothed one is faint), the runs
// table's swatch (`swatches`) is the same, and every run of `expected` has curves in
// every chart.
QStringList runColours(const QList<seekbench::widgets::LivePlot *> &plots, const QHash<QString, QColor> &expected,
                       const QHash<QString, QColor> &swatches, const QString &screen);

} // namespace screenchecks
