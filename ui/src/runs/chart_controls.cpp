#include "runs/chart_controls.h"

#include "seekbench/widgets/live_plot.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSlider>

namespace seekbench::ui {

namespace {
const char *const kSmoothingKey = "charts/smoothing";
}

ChartControls::ChartControls(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_slider(new QSlider(Qt::Horizontal, this)),
      m_xLabel(new QLabel(this)), m_x(new QComboBox(this))
{
    setObjectName(QStringLiteral("chartControls"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_slider->setObjectName(QStringLiteral("sharedSmoothingSlider"));
    m_slider->setRange(0, 99);
    m_slider->setFixedWidth(120);
    m_slider->setValue(qRound(QSettings().value(QString::fromLatin1(kSmoothingKey), 0.6).toDouble() * 100));
    m_x->setObjectName(QStringLiteral("sharedXAxisCombo"));
    m_x->addItems({QString(), QString(), QString()});
    m_xLabel->setObjectName(QStringLiteral("xAxisLabel"));
    row->addWidget(m_label);
    row->addWidget(m_slider);
    row->addSpacing(12);
    row->addWidget(m_xLabel);
    row->addWidget(m_x);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        QSettings().setValue(QString::fromLatin1(kSmoothingKey), v / 100.0);
        retranslate();
        apply();
    });
    connect(m_x, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int) { apply(); });
    retranslate();
}

void ChartControls::setCharts(const QList<widgets::LivePlot *> &charts)
{
    m_charts = charts;
    for (widgets::LivePlot *chart : m_charts)
        chart->setViewControlsVisible(false);
    apply();
}

double ChartControls::smoothing() const { return m_slider->value() / 100.0; }

void ChartControls::setSmoothing(double weight) { m_slider->setValue(qRound(weight * 100)); }

int ChartControls::xAxis() const { return m_x->currentIndex(); }

void ChartControls::apply()
{
    for (widgets::LivePlot *chart : m_charts) {
        chart->setSmoothing(smoothing());
        chart->setXAxis(static_cast<widgets::LivePlot::XAxis>(m_x->currentIndex()));
    }
}

void ChartControls::retranslate()
{
    m_label->setText(tr("Smoothing %1").arg(smoothing(), 0, 'f', 2));
    m_slider->setToolTip(tr("Exponential moving average of every curve; the raw curve stays faint behind it"));
    m_xLabel->setText(tr("X axis"));
    m_x->setItemText(0, tr("Step"));
    m_x->setItemText(1, tr("Wall time"));
    m_x->setItemText(2, tr("Relative time (s)"));
}

void ChartControls::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace seekbench::ui
