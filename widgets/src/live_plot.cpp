#include "seekbench/widgets/live_plot.h"

#include "flow_layout.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"
#include "seekbench/widgets/plot_data_provider.h"
#include "seekbench/widgets/plot_exporter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

namespace {

// Ticks on whole steps: the automatic step of a short curve (2.5) rounded to an integer.
class StepTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange &range) override
    {
        return std::max(1.0, std::round(QCPAxisTicker::getTickStep(range)));
    }
};

} // namespace

namespace {
constexpr int kReplotMs = 40;  // one batched redraw per 40 ms at most
constexpr int kRequeryMs = 40; // settle time after a zoom gesture before asking the store
} // namespace

LivePlot::LivePlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("livePlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(buildToolbar());

    m_plot = new QCustomPlot(this);

    followPalette(m_plot); // light or dark, with the theme
    m_plot->setObjectName(QStringLiteral("livePlotCanvas"));
    m_plot->setMinimumHeight(140);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setSelectionRectMode(QCP::srmNone);
    m_plot->setNoAntialiasingOnDrag(true);
    // Antialiased fills (the min/max band) cost most of a replot and gain little.
    m_plot->setNotAntialiasedElements(QCP::aeFills | QCP::aeGrid);
    // Solid lines as runs of short segments: the raster engine's fast path. An
    // antialiased wide polyline through the stroker cost 2-5x the whole replot otherwise.
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    // The legend goes above the axis rect (placeLegend), never over the curves.
    m_plot->legend->setVisible(false);
    m_plot->legend->setFont(font());
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 2));
    m_plot->legend->setRowSpacing(0);
    m_plot->legend->setColumnSpacing(12);
    m_crosshair = new QCPItemStraightLine(m_plot);
    m_crosshair->setPen(QPen(QColor(128, 128, 128, 140), 1, Qt::DashLine));
    m_crosshair->setVisible(false);
    m_crosshair->setClipToAxisRect(true);
    layout->addWidget(m_plot, 1);

    m_placeholder = new QLabel(m_plot);
    m_placeholder->setObjectName(QStringLiteral("livePlotPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_plot->installEventFilter(this);

    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(kReplotMs);
    connect(&m_replotTimer, &QTimer::timeout, this, &LivePlot::rebuildGraphs);
    m_requeryTimer.setSingleShot(true);
    m_requeryTimer.setInterval(kRequeryMs);
    connect(&m_requeryTimer, &QTimer::timeout, this, &LivePlot::requestVisibleRange);

    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this](const QCPRange &) { onUserRangeChanged(); });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent *) { resetView(); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *e) { onMouseMove(e); });
    // The wheel zooms the steps (x); with Ctrl it zooms the values (y), as in TensorBoard
    // and PlotJuggler. QCustomPlot signals the wheel before it zooms.
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->xAxis->setTicker(QSharedPointer<StepTicker>::create());
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this](QWheelEvent *e) {
        m_plot->axisRect()->setRangeZoom(e->modifiers() & Qt::ControlModifier ? Qt::Vertical : Qt::Horizontal);
    });
    retranslate();
}

LivePlot::~LivePlot() = default;

QLayout *LivePlot::buildToolbar()
{
    // The controls wrap onto a second row in a narrow chart instead of widening it.
    auto *bar = new FlowLayout(4);
    bar->setContentsMargins(4, 0, 4, 0);
    m_smoothLabel = new QLabel(this);
    m_smoothSlider = new QSlider(Qt::Horizontal, this);
    m_smoothSlider->setObjectName(QStringLiteral("smoothingSlider"));
    m_smoothSlider->setRange(0, 99);
    m_smoothSlider->setValue(static_cast<int>(m_smoothing * 100));
    m_smoothSlider->setMinimumWidth(80);
    m_smoothSlider->setMaximumWidth(140);
    connect(m_smoothSlider, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    m_logBox = new QCheckBox(this);
    m_logBox->setObjectName(QStringLiteral("logYCheck"));
    connect(m_logBox, &QCheckBox::toggled, this, [this](bool on) { setLogY(on); });
    m_xCombo = new QComboBox(this);
    m_xCombo->setObjectName(QStringLiteral("xAxisCombo"));
    m_xCombo->addItems({QString(), QString(), QString()});
    connect(m_xCombo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { setXAxis(static_cast<XAxis>(i)); });
    m_boxZoom = new QToolButton(this);
    m_boxZoom->setObjectName(QStringLiteral("boxZoomButton"));
    m_boxZoom->setCheckable(true);
    connect(m_boxZoom, &QToolButton::toggled, this, [this](bool on) { setBoxZoom(on); });
    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    connect(m_export, &QToolButton::clicked, this, [this] { chooseExport(); });
    bar->addWidget(m_smoothLabel);
    bar->addWidget(m_smoothSlider);
    bar->addWidget(m_logBox);
    bar->addWidget(m_xCombo);
    bar->addWidget(m_boxZoom);
    bar->addRightAligned();
    bar->addWidget(m_export);
    return bar;
}

void LivePlot::retranslate()
{
    m_smoothLabel->setText(tr("Smoothing %1").arg(m_smoothing, 0, 'f', 2));
    m_logBox->setText(tr("Log y"));
    m_xCombo->setItemText(0, tr("Step"));
    m_xCombo->setItemText(1, tr("Wall time"));
    m_xCombo->setItemText(2, tr("Relative time (s)"));
    m_boxZoom->setText(tr("Box zoom"));
    m_boxZoom->setToolTip(tr("Drag a rectangle to zoom; double-click resets the view"));
    m_export->setText(tr("Export…"));
    m_placeholder->setText(m_placeholderText.isEmpty() ? tr("No data yet") : m_placeholderText);
}

bool LivePlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::Resize) {
        m_placeholder->setGeometry(m_plot->rect());
        if (legendShown())
            wrapLegend();
    }
    if (watched == m_plot && event->type() == QEvent::PaletteChange)
        scheduleReplot(); // the theme gives the legend a frame; the rebuild takes it off
    return QWidget::eventFilter(watched, event);
}

void LivePlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LivePlot::setProvider(PlotDataProvider *provider)
{
    if (m_provider)
        disconnect(m_provider, nullptr, this, nullptr);
    m_provider = provider;
    m_series.clear();
    m_following = true;
    scheduleReplot();
    if (!provider)
        return;
    connect(provider, &PlotDataProvider::seriesReplaced, this, &LivePlot::onSeriesReplaced);
    connect(provider, &PlotDataProvider::seriesAppended, this, &LivePlot::onSeriesAppended);
    m_reloadPending = true;
    provider->requestAll(std::max(200, m_plot->axisRect()->width()));
}

void LivePlot::setTitle(const QString &title)
{
    m_plot->yAxis->setLabel(title);
    scheduleReplot();
}

void LivePlot::setPlaceholder(const QString &text)
{
    m_placeholderText = text;
    retranslate();
}

void LivePlot::setViewControlsVisible(bool visible)
{
    m_smoothLabel->setVisible(visible);
    m_smoothSlider->setVisible(visible);
    m_xCombo->setVisible(visible);
}

bool LivePlot::legendShown() const { return m_plot->legend->visible() && m_plot->legend->layout() != nullptr; }

void LivePlot::placeLegend(bool shown)
{
    QCPLayoutGrid *layout = m_plot->plotLayout();
    const bool placed = m_plot->legend->layout() == layout;
    if (shown && !placed) {
        layout->insertRow(0);
        layout->addElement(0, 0, m_plot->legend);
        layout->setRowStretchFactor(0, 0.001);
    } else if (!shown && placed) {
        layout->take(m_plot->legend);
        layout->simplify();
    }
    m_plot->legend->setVisible(shown);
    if (shown) {
        wrapLegend();
        m_plot->legend->setBorderPen(Qt::NoPen);
        m_plot->legend->setBrush(Qt::NoBrush);
    }
}

void LivePlot::wrapLegend()
{
    // As many entries to a row as the width holds, each as wide as the widest.
    int widest = 1;
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        if (QCPAbstractLegendItem *item = m_plot->legend->item(i)) // a wrapped grid has empty cells
            widest = std::max(widest, item->minimumOuterSizeHint().width());
    const int room = m_plot->width() - 8;
    const int columns = std::max(1, (room + 12) / (widest + 12));
    if (columns == m_plot->legend->wrap() && m_plot->legend->columnCount() <= columns)
        return;
    // setWrap() alone leaves the entries where they are; the fill order call rearranges.
    m_plot->legend->setWrap(columns);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

void LivePlot::setSmoothing(double weight)
{
    m_smoothing = std::clamp(weight, 0.0, 0.99);
    if (m_smoothSlider->value() != static_cast<int>(m_smoothing * 100 + 0.5))
        m_smoothSlider->setValue(static_cast<int>(m_smoothing * 100 + 0.5));
    retranslate();
    scheduleReplot();
}

void LivePlot::setLogY(bool on)
{
    m_logY = on;
    m_logBox->setChecked(on);
    m_plot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    scheduleReplot();
}

void LivePlot::setXAxis(XAxis axis)
{
    m_xAxis = axis;
    m_xCombo->setCurrentIndex(static_cast<int>(axis));
    if (axis == XAxis::WallTime) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("HH:mm:ss"));
        m_plot->xAxis->setTicker(ticker);
    } else if (axis == XAxis::Step) {
        m_plot->xAxis->setTicker(QSharedPointer<StepTicker>::create()); // whole steps, never 2.5
    } else {
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    m_following = true;
    scheduleReplot();
}

void LivePlot::setBoxZoom(bool on)
{
    m_boxZoom->setChecked(on);
    m_plot->setSelectionRectMode(on ? QCP::srmZoom : QCP::srmNone);
}

std::pair<double, double> LivePlot::xRange() const
{
    return {m_plot->xAxis->range().lower, m_plot->xAxis->range().upper};
}

std::pair<double, double> LivePlot::yRange() const
{
    return {m_plot->yAxis->range().lower, m_plot->yAxis->range().upper};
}

int LivePlot::pointCount() const
{
    int n = 0;
    for (const PlotSeries &s : m_series)
        n += s.size();
    return n;
}

void LivePlot::onSeriesReplaced(const QVector<PlotSeries> &series)
{
    // A whole new set (an answer to a zoom or a reload), swapped in at once: draw it now
    // rather than on the batching timer, which is for streamed points.
    m_series = series;
    m_reloadPending = false;
    m_dirty = true;
    m_replotTimer.stop();
    rebuildGraphs();
}

void LivePlot::onSeriesAppended(const QVector<PlotSeries> &tails)
{
    for (const PlotSeries &tail : tails) {
        auto it = std::find_if(m_series.begin(), m_series.end(), [&](const PlotSeries &s) { return s.id == tail.id; });
        if (it == m_series.end()) {
            m_series.append(tail);
            continue;
        }
        const double lastStep = it->step.isEmpty() ? -1e300 : it->step.back();
        for (int i = 0; i < tail.size(); ++i)
            if (tail.step[i] > lastStep)
                it->append(tail.step[i], tail.time[i], tail.min[i], tail.max[i], tail.mean[i]);
        it->restartSteps = tail.restartSteps.isEmpty() ? it->restartSteps : tail.restartSteps;
    }
    // Streamed points pile up; past a few per pixel column, ask the provider for the
    // whole curve decimated again (off the GUI thread) instead of drawing them all.
    const int columns = std::max(200, m_plot->axisRect()->width());
    if (m_following && m_provider && !m_reloadPending) {
        for (const PlotSeries &s : m_series) {
            if (s.size() > 2 * columns) {
                m_reloadPending = true;
                m_provider->requestAll(columns);
                break;
            }
        }
    }
    scheduleReplot();
}

void LivePlot::scheduleReplot()
{
    m_dirty = true;
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

void LivePlot::onUserRangeChanged()
{
    if (m_settingRange)
        return;
    m_following = false;
    m_requeryTimer.start();
}

void LivePlot::zoomToSteps(double fromStep, double toStep)
{
    m_following = false;
    m_plot->xAxis->setRange(fromStep, toStep); // emits rangeChanged: re-queries
    scheduleReplot();
}

void LivePlot::resetView()
{
    m_following = true;
    m_reloadPending = true;
    if (m_provider)
        m_provider->requestAll(std::max(200, m_plot->axisRect()->width()));
    scheduleReplot();
}

void LivePlot::requestVisibleRange()
{
    if (!m_provider || m_following)
        return;
    const QCPRange r = m_plot->xAxis->range();
    m_provider->requestRange(stepAtX(r.lower), stepAtX(r.upper), std::max(100, m_plot->axisRect()->width()));
}

void LivePlot::chooseExport()
{
    QMenu menu(this);
    QAction *png = menu.addAction(tr("Image (PNG)…"));
    QAction *svg = menu.addAction(tr("Vector image (SVG)…"));
    menu.addAction(tr("Data (CSV)…"));
    QAction *chosen = menu.exec(m_export->mapToGlobal(QPoint(0, m_export->height())));
    if (!chosen)
        return;
    const QString filter = chosen == png   ? tr("PNG images (*.png)")
                           : chosen == svg ? tr("SVG images (*.svg)")
                                           : tr("CSV files (*.csv)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(), filter);
    if (path.isEmpty())
        return;
    if (chosen == png)
        exportPng(path);
    else if (chosen == svg)
        exportSvg(path);
    else
        exportCsv(path);
}

bool LivePlot::exportPng(const QString &path, int width, int height)
{
    rebuildGraphs();
    return PlotExporter::png(m_plot, path, width, height);
}

bool LivePlot::exportSvg(const QString &path, int width, int height)
{
    rebuildGraphs();
    return PlotExporter::svg(m_plot, path, width, height, m_plot->yAxis->label());
}

bool LivePlot::exportCsv(const QString &path) const { return PlotExporter::csv(m_series, path); }

} // namespace seekbench::widgets
