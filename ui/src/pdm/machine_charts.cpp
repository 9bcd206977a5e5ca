#include "pdm/machine_charts.h"

#include "pdm/pdm_text.h"
#include "seekbench/widgets/attention_band.h"
#include "seekbench/widgets/live_plot.h"
#include "seekbench/widgets/plot_marks.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {
constexpr int kLeftMargin = 64; // room for the y tick labels; the same on every chart so the x axes line up

// Curve colours that read on white and on the dark theme's background.
QColor curveColor(int i)
{
    static const QColor palette[] = {QColor(52, 130, 200),  QColor(235, 130, 40), QColor(60, 170, 80),
                                     QColor(160, 110, 210), QColor(200, 90, 150), QColor(150, 140, 60)};
    return palette[i % 6];
}

widgets::PlotSeries seriesOf(const QString &id, const QString &label, const std::vector<double> &time, QColor color)
{
    widgets::PlotSeries s;
    s.id = id;
    s.label = label;
    s.color = color;
    s.step = QVector<double>(time.begin(), time.end());
    s.time = s.step;
    s.startTime = time.empty() ? 0 : time.front();
    return s;
}

void setValues(widgets::PlotSeries &s, QVector<double> values)
{
    s.min = values;
    s.max = values;
    s.mean = std::move(values);
}
} // namespace

FixedSeriesProvider::FixedSeriesProvider(QVector<widgets::PlotSeries> series, QObject *parent)
    : widgets::PlotDataProvider(parent), m_series(std::move(series))
{}

MachineCharts::MachineCharts(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("marksLegend"));
    m_legend->setWordWrap(true);
    m_whole = new QPushButton(this);
    m_focus = new QPushButton(this);
    connect(m_whole, &QPushButton::clicked, this, &MachineCharts::showWhole);
    connect(m_focus, &QPushButton::clicked, this, &MachineCharts::focusSelection);
    bar->addWidget(m_legend, 1);
    bar->addWidget(m_focus);
    bar->addWidget(m_whole);
    layout->addLayout(bar);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_content = new QWidget(m_scroll);
    m_stack = new QVBoxLayout(m_content);
    m_stack->setContentsMargins(0, 0, 0, 0);
    m_stack->setSpacing(0);
    m_band = new widgets::AttentionBand(m_content);
    m_band->setObjectName(QStringLiteral("attentionBand"));
    m_stack->addWidget(m_band);
    m_scroll->setWidget(m_content);
    layout->addWidget(m_scroll, 1);
    m_group = new widgets::PlotGroup(this);
    connect(m_group, &widgets::PlotGroup::xRangeChanged, this, &MachineCharts::syncBand);
    retranslate();
}

widgets::PlotMarks *MachineCharts::marksOf(widgets::LivePlot *plot) const
{
    const auto i = m_plots.indexOf(plot);
    return i >= 0 ? m_marks[i] : nullptr;
}

QColor MachineCharts::markColor(Mark mark) const
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    switch (mark) {
    case Mark::Scheduled: return dark ? QColor(110, 200, 120) : QColor(30, 140, 60);
    case Mark::Corrective: return dark ? QColor(250, 190, 70) : QColor(200, 120, 0);
    case Mark::Failure: return dark ? QColor(255, 90, 90) : QColor(200, 20, 20);
    case Mark::Alert: return dark ? QColor(200, 140, 255) : QColor(120, 40, 190);
    case Mark::AlertFailure: return dark ? QColor(255, 60, 60) : QColor(170, 0, 0);
    }
    return {};
}

QString MachineCharts::unitCaption(const QString &what) const
{
    if (!m_data || m_data->run.timeUnit == pdm::TimeUnit::Cycles)
        return tr("%1 (cycles)").arg(what);
    return tr("%1 (days)").arg(what);
}

void MachineCharts::clearPlots()
{
    for (widgets::LivePlot *p : std::as_const(m_plots))
        delete p;
    m_plots.clear();
    m_sensorPlots.clear();
    m_marks.clear();
    m_riskPlot = m_rulPlot = nullptr;
    delete m_group;
    m_group = new widgets::PlotGroup(this);
    connect(m_group, &widgets::PlotGroup::xRangeChanged, this, &MachineCharts::syncBand);
}

widgets::LivePlot *MachineCharts::addPlot(const QString &caption, QVector<widgets::PlotSeries> series, int minHeight)
{
    auto *plot = new widgets::LivePlot(m_content);
    plot->setSmoothing(0); // raw readings: a gap stays a gap
    auto *marks = new widgets::PlotMarks(plot);
    marks->setCaption(caption);
    if (m_data->run.timeUnit == pdm::TimeUnit::Seconds)
        marks->setDateAxis();
    marks->setStacked(kLeftMargin, false, QString(), minHeight);
    connect(marks, &widgets::PlotMarks::drawn, this, &MachineCharts::syncBand);
    const pdm::TimeUnit unit = m_data->run.timeUnit;
    marks->setHoverText([unit](double x) { return PdmText::time(x, unit); });
    m_stack->insertWidget(m_stack->indexOf(m_band), plot, minHeight); // room shared by size
    plot->setProvider(new FixedSeriesProvider(std::move(series), plot));
    m_plots.append(plot);
    m_marks.append(marks);
    m_group->add(plot);
    return plot;
}

void MachineCharts::setData(std::shared_ptr<const MachineData> data)
{
    clearPlots();
    m_data = std::move(data);
    m_hasSelection = m_hasAlert = false;
    const MachineData &d = *m_data;
    const bool seconds = d.run.timeUnit == pdm::TimeUnit::Seconds;
    // Risk: one curve per mode, its threshold dashed in the same colour.
    QVector<widgets::PlotSeries> risk;
    const std::size_t modes = d.run.modes.size(), windows = d.scores.time.size();
    for (std::size_t m = 0; m < modes && d.scores.scores.size() == windows * modes; ++m) {
        auto s = seriesOf(QString::fromStdString(d.run.modes[m]), PdmText::mode(d.run.modes[m]), d.scores.time,
                          curveColor(int(m)));
        QVector<double> v;
        for (std::size_t w = 0; w < windows; ++w)
            v.append(d.scores.scores[w * modes + m]);
        setValues(s, std::move(v));
        risk.append(s);
    }
    m_riskPlot = addPlot(tr("Failure score (dashed: thresholds)"), risk, 120);
    m_riskPlot->setObjectName(QStringLiteral("riskPlot"));
    QVector<widgets::PlotLevel> levels;
    for (std::size_t m = 0; m < modes && m < d.run.thresholds.size(); ++m)
        levels.append({d.run.thresholds[m], curveColor(int(m)), Qt::DashLine});
    m_marks.front()->setLevels(levels);
    if (d.scores.rul.size() == windows
        && std::any_of(d.scores.rul.begin(), d.scores.rul.end(), [](float r) { return std::isfinite(r); })) {
        auto s = seriesOf(QStringLiteral("rul"), tr("Predicted RUL"), d.scores.time, curveColor(5));
        QVector<double> v;
        for (float r : d.scores.rul)
            v.append(seconds ? r / 86400.0 : r);
        setValues(s, std::move(v));
        m_rulPlot = addPlot(unitCaption(tr("Predicted RUL")), {s}, 64);
        m_rulPlot->setObjectName(QStringLiteral("rulPlot"));
    }
    for (std::size_t k = 0; k < d.sensors.size() && k < d.series.values.size(); ++k) {
        const QString name = PdmText::sensor(d.sensors[k]);
        auto s = seriesOf(QString::fromStdString(d.sensors[k]), name, d.series.time, curveColor(int(k)));
        const auto &col = d.series.values[k];
        setValues(s, QVector<double>(col.begin(), col.end())); // NaN stays NaN: a gap
        auto *plot = addPlot(name, {s}, 66);
        plot->setObjectName(QStringLiteral("sensorPlot_%1").arg(k));
        m_sensorPlots.append(plot);
    }
    // Only the bottom chart carries the time axis's labels.
    m_marks.back()->setStacked(kLeftMargin, true, seconds ? tr("time (UTC)") : tr("cycle"),
                               m_plots.size() > 1 ? 100 : 150);
    applyMarks();
    showWhole();
}

void MachineCharts::setSelection(double t, const std::vector<float> &temporal, const pdm::AlertRecord *alert)
{
    m_t = t;
    m_hasSelection = std::isfinite(t);
    m_hasAlert = alert != nullptr;
    if (alert)
        m_alert = *alert;
    QVector<widgets::AttentionStep> steps;
    const auto &run = m_data->run;
    if (m_hasSelection && int(temporal.size()) == run.history) {
        for (int j = 0; j < run.history; ++j) {
            const double from = t - (run.history - j) * run.step, to = t - (run.history - 1 - j) * run.step;
            steps.append({from, to, temporal[std::size_t(j)],
                          tr("Step %1 of %2: %3 – %4\nAttention %5")
                              .arg(j + 1)
                              .arg(run.history)
                              .arg(PdmText::time(from, run.timeUnit), PdmText::time(to, run.timeUnit),
                                   PdmText::percent(temporal[std::size_t(j)]))});
        }
    }
    m_band->setSteps(steps);
    applyMarks();
}

void MachineCharts::applyMarks()
{
    if (!m_data)
        return;
    QVector<widgets::PlotMark> marks;
    for (const auto &m : m_data->maintenance) {
        const bool scheduled = m.kind == pdm::MaintenanceKind::Scheduled;
        marks.append({m.time, markColor(scheduled ? Mark::Scheduled : Mark::Corrective),
                      scheduled ? Qt::DashLine : Qt::SolidLine, 1.2});
    }
    for (const auto &f : m_data->failures)
        marks.append({f.time, markColor(Mark::Failure), Qt::SolidLine, 2});
    QVector<widgets::PlotSpan> spans;
    if (m_hasSelection) {
        QColor shade = markColor(Mark::Alert);
        shade.setAlpha(45);
        spans.append({m_t - m_data->run.history * m_data->run.step, m_t, shade});
    }
    if (m_hasAlert) {
        marks.append({m_alert.alert.time, markColor(Mark::Alert), Qt::DashDotLine, 2});
        if (std::isfinite(m_alert.failure_time))
            marks.append({m_alert.failure_time, markColor(Mark::AlertFailure), Qt::SolidLine, 3.5});
    }
    for (widgets::PlotMarks *p : std::as_const(m_marks)) {
        p->setMarks(marks);
        p->setSpans(spans);
    }
    retranslate();
}

void MachineCharts::showWhole()
{
    if (!m_data)
        return;
    double lo = INFINITY, hi = -INFINITY;
    for (const auto *v : {&m_data->series.time, &m_data->scores.time})
        if (!v->empty()) {
            lo = std::min(lo, v->front());
            hi = std::max(hi, v->back());
        }
    if (std::isfinite(lo) && hi > lo)
        m_group->setXRange(lo - (hi - lo) * 0.01, hi + (hi - lo) * 0.01);
}

void MachineCharts::focusSelection()
{
    if (!m_data || !m_hasSelection)
        return;
    // The window with as much again before it and after it, and the alert's failure.
    const double span = m_data->run.history * m_data->run.step;
    double hi = m_t + span;
    if (m_hasAlert && std::isfinite(m_alert.failure_time))
        hi = std::max(hi, m_alert.failure_time + span * 0.5);
    m_group->setXRange(m_t - 2.5 * span, hi);
}

void MachineCharts::syncBand()
{
    if (m_plots.isEmpty())
        return;
    widgets::LivePlot *ref = m_plots.back();
    const auto [left, right] = marksOf(ref)->plotArea();
    const int x0 = m_band->mapFromGlobal(ref->mapToGlobal(QPoint(left, 0))).x();
    const int x1 = m_band->mapFromGlobal(ref->mapToGlobal(QPoint(right, 0))).x();
    m_band->setPlotArea(x0, x1);
    const auto [lower, upper] = ref->xRange();
    m_band->setXRange(lower, upper);
}

void MachineCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::PaletteChange)
        applyMarks(); // the marks' colours follow the theme
    QWidget::changeEvent(event);
}

void MachineCharts::retranslate()
{
    m_whole->setText(tr("Whole history"));
    m_focus->setText(tr("Zoom to the window"));
    m_focus->setToolTip(tr("Show the selected window, what came before it and, for a true alert, its failure"));
    m_band->setCaption(tr("Attention"));
    m_band->setPlaceholder(tr("No attention kept for this window"));
    const auto swatch = [this](Mark m, const QString &dash, const QString &words) {
        return QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>&nbsp;%3")
            .arg(markColor(m).name(), dash, words.toHtmlEscaped());
    };
    // The window's swatch as the shade looks over the chart's background.
    const QColor over = markColor(Mark::Alert), base = palette().color(QPalette::Base);
    const auto mix = [](int a, int b) { return (a * 45 + b * 210) / 255; };
    const QColor shade(mix(over.red(), base.red()), mix(over.green(), base.green()), mix(over.blue(), base.blue()));
    QStringList parts{swatch(Mark::Scheduled, QStringLiteral("┆"), tr("scheduled maintenance")),
                      swatch(Mark::Corrective, QStringLiteral("│"), tr("corrective maintenance")),
                      swatch(Mark::Failure, QStringLiteral("┃"), tr("failure")),
                      swatch(Mark::Alert, QStringLiteral("╎"), tr("selected alert")),
                      swatch(Mark::AlertFailure, QStringLiteral("█"), tr("its failure")),
                      QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;</span>&nbsp;%2")
                          .arg(shade.name(), tr("window").toHtmlEscaped())};
    m_legend->setText(parts.join(QStringLiteral("&nbsp;&nbsp; ")));
}

} // namespace seekbench::ui
