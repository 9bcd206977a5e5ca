#include "screen_checks.h"

#include "qcustomplot_wrapper.h"
#include "runs/series_id.h"
#include "seekbench/widgets/live_plot.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QTabBar>
#include <QToolButton>

#include <set>

namespace screenchecks {

namespace {

constexpr int kSlack = 1; // a pixel of rounding

QString shortText(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.size() > 60)
        text = text.left(57) + QStringLiteral("...");
    return text;
}

QString textOf(const QObject *o)
{
    if (const auto *l = qobject_cast<const QLabel *>(o))
        return l->text();
    if (const auto *b = qobject_cast<const QAbstractButton *>(o))
        return b->text();
    return QString();
}

QString sizeText(QSize s) { return QStringLiteral("%1x%2").arg(s.width()).arg(s.height()); }

// The colour most of a grid of samples over `image` shows: the background, whatever
// curve, grid line or label crosses a few of the samples.
QColor backgroundOf(const QImage &image)
{
    QMap<QRgb, int> votes;
    const int n = 9;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const int x = 2 + (image.width() - 5) * i / (n - 1), y = 2 + (image.height() - 5) * j / (n - 1);
            ++votes[image.pixel(x, y) | 0xff000000u];
        }
    QRgb best = 0;
    int most = -1;
    for (auto it = votes.cbegin(); it != votes.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    return QColor::fromRgb(best);
}

QString colourText(const QColor &c) { return c.name(QColor::HexRgb); }

bool wrongShade(const QColor &c, bool dark) { return dark ? c.lightnessF() > 0.5 : c.lightnessF() < 0.5; }

bool sameRgb(const QColor &a, const QColor &b) { return a.rgb() == b.rgb(); }

QString labelProblem(const QLabel *l)
{
    if (l->text().isEmpty())
        return QString(); // a picture, or nothing to clip
    if (l->wordWrap()) {
        const int need = l->heightForWidth(l->width());
        if (need > l->height() + kSlack)
            return QStringLiteral("word-wrapped text needs %1 px of height at width %2, has %3")
                .arg(need)
                .arg(l->width())
                .arg(l->height());
        if (l->minimumSizeHint().width() > l->width() + kSlack)
            return QStringLiteral("its longest word needs %1 px, has %2")
                .arg(l->minimumSizeHint().width())
                .arg(l->width());
        return QString();
    }
    const QSize hint = l->sizeHint();
    if (hint.width() > l->width() + kSlack || hint.height() > l->height() + kSlack)
        return QStringLiteral("sizeHint %1 larger than its geometry %2").arg(sizeText(hint), sizeText(l->size()));
    return QString();
}

QString buttonProblem(const QAbstractButton *b)
{
    if (b->text().isEmpty())
        return QString();
    if (const auto *t = qobject_cast<const QToolButton *>(b); t && t->toolButtonStyle() == Qt::ToolButtonIconOnly)
        return QString();
    const QSize hint = b->sizeHint();
    int needW = hint.width();
    if (qobject_cast<const QPushButton *>(b)) {
        // Fusion gives a push button with text at least 80 px whatever the text; what
        // clips is the text (and icon) with the style's margins.
        const int margins = 2 * b->style()->pixelMetric(QStyle::PM_ButtonMargin, nullptr, b);
        const int icon = b->icon().isNull() ? 0 : b->iconSize().width() + 4;
        needW = std::min(needW, b->fontMetrics().size(Qt::TextShowMnemonic, b->text()).width() + icon + margins);
    }
    const int needH = qobject_cast<const QPushButton *>(b) ? b->fontMetrics().height() : hint.height();
    if (needW > b->width() + kSlack || needH > b->height() + kSlack)
        return QStringLiteral("needs %1x%2 for its text, has %3").arg(needW).arg(needH).arg(sizeText(b->size()));
    return QString();
}

QStringList tabProblems(const QTabBar *bar, const QString &screen)
{
    QStringList out;
    const int space = bar->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, bar);
    for (int i = 0; i < bar->count(); ++i) {
        const QString text = bar->tabText(i);
        if (text.isEmpty())
            continue;
        const int icon = bar->tabIcon(i).isNull() ? 0 : bar->iconSize().width() + 4;
        const int need = bar->fontMetrics().size(Qt::TextShowMnemonic, text).width() + icon + space;
        const int has = bar->tabRect(i).width();
        if (need > has + kSlack)
            out << QStringLiteral("%1: tab \"%2\" of %3 is elided: needs %4 px, has %5")
                       .arg(screen, text, describe(bar))
                       .arg(need)
                       .arg(has);
    }
    return out;
}

// Legend entries are drawn by QCustomPlot, clipped to their cell.
QStringList legendProblems(const QCustomPlot *plot, const QString &screen)
{
    QStringList out;
    if (!plot->isVisible() || !plot->legend || !plot->legend->visible())
        return out;
    const QObject *named = plot->parent() ? plot->parent() : plot; // the LivePlot, which has the name
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        QCPAbstractLegendItem *item = plot->legend->item(i);
        if (!item || !item->visible())
            continue;
        const int need = item->minimumOuterSizeHint().width(), has = item->outerRect().width();
        auto *entry = qobject_cast<QCPPlottableLegendItem *>(item);
        const QString text = entry ? entry->plottable()->name() : QString();
        if (need > has + kSlack)
            out << QStringLiteral("%1: legend entry \"%2\" of %3 is clipped: needs %4 px, has %5")
                       .arg(screen, text, describe(named))
                       .arg(need)
                       .arg(has);
    }
    return out;
}

} // namespace

QString describe(const QObject *object)
{
    QString out = QString::fromLatin1(object->metaObject()->className());
    if (!object->objectName().isEmpty())
        out += QLatin1Char(' ') + object->objectName();
    for (const QObject *p = object->parent(); p; p = p->parent())
        if (!p->objectName().isEmpty()) {
            out += QStringLiteral(" in ") + p->objectName();
            break;
        }
    if (const QString text = textOf(object); !text.isEmpty())
        out += QStringLiteral(" \"%1\"").arg(shortText(text));
    return out;
}

QStringList clippedText(const QWidget *root, const QString &screen)
{
    QStringList out;
    QList<const QWidget *> widgets{root};
    for (const QWidget *w : root->findChildren<QWidget *>())
        widgets << w;
    for (const QWidget *w : widgets) {
        if (!w->isVisible() || w->width() <= 0 || w->height() <= 0)
            continue;
        QString problem;
        if (const auto *l = qobject_cast<const QLabel *>(w))
            problem = labelProblem(l);
        else if (const auto *b = qobject_cast<const QAbstractButton *>(w))
            problem = buttonProblem(b);
        else if (const auto *bar = qobject_cast<const QTabBar *>(w))
            out << tabProblems(bar, screen);
        else if (const auto *plot = qobject_cast<const QCustomPlot *>(w))
            out << legendProblems(plot, screen);
        if (!problem.isEmpty())
            out << QStringLiteral("%1: %2 is clipped: %3").arg(screen, describe(w), problem);
    }
    return out;
}

QStringList chartBackgrounds(const QWidget *root, bool dark, const QString &screen)
{
    QStringList out;
    const QString want = dark ? QStringLiteral("dark") : QStringLiteral("light");
    auto check = [&](const QColor &c, const QObject *where, const QString &what) {
        if (c.isValid() && c.alpha() > 0 && wrongShade(c, dark))
            out << QStringLiteral("%1: %2 of %3 is %4 (lightness %5), not %6")
                       .arg(screen, what, describe(where), colourText(c))
                       .arg(c.lightnessF(), 0, 'f', 2)
                       .arg(want);
    };
    for (QCustomPlot *plot : root->findChildren<QCustomPlot *>()) {
        if (!plot->isVisible() || plot->width() < 10 || plot->height() < 10)
            continue;
        const QObject *named = plot->parent() ? plot->parent() : plot; // the LivePlot, which has the name
        check(backgroundOf(plot->grab().toImage()), named, QStringLiteral("the rendered chart background"));
        for (QCPAxisRect *rect : plot->axisRects())
            if (rect->backgroundBrush().style() != Qt::NoBrush)
                check(rect->backgroundBrush().color(), named, QStringLiteral("the axis rect's background brush"));
        if (plot->legend && plot->legend->visible() && plot->legend->brush().style() != Qt::NoBrush)
            check(plot->legend->brush().color(), named, QStringLiteral("the legend's brush"));
    }
    static const QStringList painted{QStringLiteral("seekbench::widgets::AlertTimeline"),
                                     QStringLiteral("seekbench::widgets::ThresholdCurveView"),
                                     QStringLiteral("seekbench::widgets::ActivityChart"),
                                     QStringLiteral("seekbench::widgets::GateChart"),
                                     QStringLiteral("seekbench::widgets::EgoGraphView")};
    for (QWidget *w : root->findChildren<QWidget *>())
        if (w->isVisible() && w->width() >= 10 && w->height() >= 10
            && painted.contains(QString::fromLatin1(w->metaObject()->className())))
            check(backgroundOf(w->grab().toImage()), w, QStringLiteral("the rendered chart background"));
    return out;
}

QStringList runColours(const QList<seekbench::widgets::LivePlot *> &plots, const QHash<QString, QColor> &expected,
                       const QHash<QString, QColor> &swatches, const QString &screen)
{
    QStringList out;
    QHash<QString, std::set<QRgb>> drawn; // run -> every colour its curves have, all charts
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const QColor swatch = swatches.value(it.key());
        if (!sameRgb(swatch, it.value()))
            out << QStringLiteral("%1: the runs table's swatch of run %2 is %3, its palette colour %4")
                       .arg(screen, it.key(), colourText(swatch), colourText(it.value()));
    }
    for (const seekbench::widgets::LivePlot *plot : plots) {
        QSet<QString> runsShown;
        QCustomPlot *canvas = plot->canvas();
        for (const seekbench::widgets::PlotSeries &s : plot->series()) {
            const auto id = seekbench::ui::SeriesId::parse(s.id);
            if (!id || s.size() == 0)
                continue;
            const QColor want = expected.value(id->runId);
            if (!want.isValid()) {
                out << QStringLiteral("%1: %2 shows series %3 of a run not selected").arg(screen, describe(plot), s.id);
                continue;
            }
            if (!sameRgb(s.color, want))
                out << QStringLiteral("%1: series %2 in %3 has colour %4, its run's is %5")
                           .arg(screen, s.id, describe(plot), colourText(s.color), colourText(want));
            int graphs = 0;
            for (int g = 0; g < canvas->graphCount(); ++g) {
                QCPGraph *graph = canvas->graph(g);
                if (graph->name() != s.label)
                    continue;
                ++graphs;
                drawn[id->runId].insert(graph->pen().color().rgb());
                if (!sameRgb(graph->pen().color(), want))
                    out << QStringLiteral("%1: the curve \"%2\" in %3 is drawn in %4, its run's colour is %5")
                               .arg(screen, s.label, describe(plot), colourText(graph->pen().color()), colourText(want));
            }
            if (graphs == 0)
                out << QStringLiteral("%1: no curve named \"%2\" drawn in %3").arg(screen, s.label, describe(plot));
            else
                runsShown.insert(id->runId);
        }
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            if (!runsShown.contains(it.key()))
                out << QStringLiteral("%1: %2 draws no curve of run %3").arg(screen, describe(plot), it.key());
    }
    for (auto it = drawn.cbegin(); it != drawn.cend(); ++it)
        if (it.value().size() > 1)
            out << QStringLiteral("%1: run %2 is drawn in %3 colours across the charts")
                       .arg(screen, it.key())
                       .arg(it.value().size());
    return out;
}

} // namespace screenchecks
