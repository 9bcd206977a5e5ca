#include "config/estimates_panel.h"

#include "config/precision_probe.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QThread>
#include <QVBoxLayout>
#include <QVariant>

namespace seekbench::ui {

namespace {
const QString kBudgetKey = QStringLiteral("editor/memoryBudgetGib"); // binary, as the estimates
enum Column { Weights, Gradients, Optimizer, Activations, Total, LargestBatch, StepMatmuls, Columns };
} // namespace

QStringList EstimatesPanel::precisions()
{
    return {QStringLiteral("fp32"), QStringLiteral("bf16"), QStringLiteral("fp16")};
}

QString EstimatesPanel::formatBytes(double bytes)
{
    const double mib = bytes / (1024.0 * 1024.0);
    if (mib < 1024.0)
        return tr("%1 MiB").arg(QLocale().toString(mib, 'f', 1));
    return tr("%1 GiB").arg(QLocale().toString(mib / 1024.0, 'f', 2));
}

QString EstimatesPanel::formatCount(qint64 count)
{
    QString text = QLocale().toString(count);
    if (count >= 1000000)
        text += tr(" (%1 M)").arg(QLocale().toString(double(count) / 1e6, 'f', 1));
    return text;
}

EstimatesPanel::EstimatesPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("estimatesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_grid = new QGridLayout;
    m_paramsLabel = new QLabel(this);
    m_paramsValue = new QLabel(this);
    m_paramsValue->setObjectName(QStringLiteral("parameterCount"));
    m_paramsValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_activeValue = new QLabel(this);
    m_activeValue->setObjectName(QStringLiteral("activeParameterCount"));
    m_batchLabel = new QLabel(this);
    m_batchLabel->setObjectName(QStringLiteral("estimateBatchLabel"));
    m_batchLabel->setWordWrap(true); // a long line would set the panel's minimum width
    m_budgetLabel = new QLabel(this);
    m_budget = new QDoubleSpinBox(this);
    m_budget->setObjectName(QStringLiteral("budgetSpin"));
    m_budget->setRange(0.1, 100000.0);
    m_budget->setDecimals(1);
    m_budget->setValue(QSettings().value(kBudgetKey, 24.0).toDouble());

    auto *top = new QGridLayout;
    top->addWidget(m_paramsLabel, 0, 0);
    top->addWidget(m_paramsValue, 0, 1);
    top->addWidget(m_activeValue, 1, 1);
    top->addWidget(m_budgetLabel, 2, 0);
    top->addWidget(m_budget, 2, 1);
    top->setColumnStretch(1, 1);
    layout->addLayout(top);
    layout->addWidget(m_batchLabel);

    for (int c = 0; c < Columns; ++c) {
        auto *h = new QLabel(this);
        h->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_headers << h;
        m_grid->addWidget(h, 0, c + 1);
    }
    int row = 1;
    for (const QString &p : precisions()) {
        auto *label = new QLabel(this);
        label->setObjectName(QStringLiteral("estimate_%1").arg(p));
        m_precisionLabels.insert(p, label);
        m_grid->addWidget(label, row, 0);
        QList<QLabel *> cells;
        static const char *const names[] = {"weights", "gradients",     "optimizer",   "activations",
                                            "total",   "largest_batch", "step_matmuls"};
        for (int c = 0; c < Columns; ++c) {
            auto *cell = new QLabel(this);
            cell->setObjectName(QStringLiteral("estimate_%1_%2").arg(p, QLatin1String(names[c])));
            cell->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            cell->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_grid->addWidget(cell, row, c + 1);
            cells << cell;
        }
        m_cells.insert(p, cells);
        ++row;
    }
    layout->addLayout(m_grid);
    m_noEstimate = new QLabel(this);
    m_noEstimate->setObjectName(QStringLiteral("noMemoryEstimate"));
    m_noEstimate->setWordWrap(true);
    m_noEstimate->hide();
    layout->addWidget(m_noEstimate);
    m_autoLine = new QLabel(this);
    m_autoLine->setObjectName(QStringLiteral("precisionAutoLine"));
    m_autoLine->setWordWrap(true);
    m_autoLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_autoLine);
    m_stale = new QLabel(this);
    m_stale->setObjectName(QStringLiteral("estimatesStale"));
    m_stale->setWordWrap(true);
    m_stale->hide();
    layout->addWidget(m_stale);
    layout->addStretch(1);
    m_valueLabels << m_paramsValue << m_activeValue << m_batchLabel;
    for (const QString &p : precisions())
        m_valueLabels << m_cells.value(p);

    m_probe = new PrecisionProbe(this);
    connect(m_probe, &PrecisionProbe::changed, this, [this] { showStepTimes(); });
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, [this](double gb) {
        QSettings().setValue(kBudgetKey, gb);
        recompute(m_config, m_has);
        Q_EMIT budgetChanged(gb);
    });
    retranslate();
    recompute(m_config, false);
}

void EstimatesPanel::setCapabilities(const seekbench::BuildCapabilities &caps)
{
    m_caps = caps;
    retranslate();
}

double EstimatesPanel::budgetGib() const { return m_budget->value(); }

void EstimatesPanel::setBudgetGib(double gb) { m_budget->setValue(gb); }

void EstimatesPanel::retranslate()
{
    m_paramsLabel->setText(tr("Parameters"));
    m_budgetLabel->setText(tr("Memory budget"));
    m_stale->setText(tr("These are the estimates of the last valid config; fix the problems to update them."));
    m_budget->setSuffix(tr(" GiB"));
    m_budget->setToolTip(tr("The memory of the card to fit, in GiB as nvidia-smi counts it (a 24 GB card has "
                            "about 24 GiB); the last column is the largest micro-batch whose estimate fits it."));
    const QStringList headers = {tr("Weights"), tr("Gradients"),     tr("Optimizer"),   tr("Activations"),
                                 tr("Total"),   tr("Largest batch"), tr("Step matmuls")};
    for (int c = 0; c < Columns; ++c)
        m_headers[c]->setText(QStringLiteral("<b>%1</b>").arg(headers[c]));
    m_headers[StepMatmuls]->setToolTip(
        tr("The matrix multiplications of one training step at the speed this machine measured for them in "
           "each precision: a lower bound on the step time, since norms, softmax and the optimizer add to it."));
    const bool fp16 = m_caps.cudaBuild && m_caps.cudaDevice;
    for (const QString &p : precisions()) {
        QLabel *label = m_precisionLabels.value(p);
        if (p == QLatin1String("fp16") && !fp16) {
            label->setText(tr("fp16 (needs CUDA)"));
            label->setToolTip(tr("Estimated for comparison; training in fp16 needs a CUDA build and a CUDA device."));
        } else {
            label->setText(p);
            label->setToolTip(QString());
        }
    }
    recompute(m_config, m_has);
}

void EstimatesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EstimatesPanel::showBytes(const QString &precision, int column, double bytes)
{
    QLabel *cell = m_cells.value(precision).value(column);
    cell->setText(formatBytes(bytes));
    cell->setProperty("bytes", bytes);
}

void EstimatesPanel::recompute(const seekbench::RunConfig &config, bool usable)
{
    m_config = config;
    m_has = usable;
    m_rows.clear();
    m_stale->setVisible(!usable && m_shown);
    for (QLabel *l : m_valueLabels)
        l->setEnabled(usable);
    if (!usable) {
        // The model has problems: its numbers would be meaningless (the CLI refuses them
        // too). The last valid config's numbers stay, greyed, until it is fixed.
        m_params = {};
        if (!m_shown) {
            m_paramsValue->setText(QStringLiteral("—"));
            for (const QString &p : precisions())
                for (QLabel *cell : m_cells.value(p))
                    cell->setText(QStringLiteral("—"));
        }
        return;
    }
    m_shown = true;
    m_params = seekbench::countParameters(config); // the model this run builds (text, cross-modal, AML)
    // A predictive maintenance model's size depends on its fleet: no count rather than 0.
    const bool sizeKnown = config.data.kind != "pdm_fleet";
    m_paramsValue->setText(sizeKnown ? formatCount(m_params.total) : tr("no estimate"));
    m_paramsValue->setProperty("count", qlonglong(m_params.total));
    if (m_params.activePerToken != m_params.total)
        m_activeValue->setText(tr("active per token: %1").arg(formatCount(m_params.activePerToken)));
    else
        m_activeValue->clear();
    const int batch = config.training.batch_size;
    m_batchLabel->setText(
        tr("Peak training memory at batch %1: weights, optimizer state, and the larger of gradients and "
           "activations (backward frees activations as it makes gradients)")
            .arg(batch));
    const double budgetBytes = m_budget->value() * 1024.0 * 1024.0 * 1024.0; // GiB, as the CLI's --budget-gib
    bool unavailable = false;
    for (const QString &p : precisions()) {
        Row r;
        r.memory = seekbench::estimateTrainingMemory(config, p.toStdString(), batch);
        r.largestBatch = seekbench::largestBatchThatFits(config, p.toStdString(), budgetBytes);
        m_rows.insert(p, r);
        showBytes(p, Weights, r.memory.weightsBytes);
        showBytes(p, Gradients, r.memory.gradientsBytes);
        showBytes(p, Optimizer, r.memory.optimizerBytes);
        QLabel *cell = m_cells.value(p).value(LargestBatch);
        if (!r.memory.available) {
            // Never a figure that would pass or block a budget: say there is none.
            unavailable = true;
            for (int c : {int(Weights), int(Gradients), int(Optimizer), int(Activations), int(Total)}) {
                if (sizeKnown && c < Activations)
                    continue; // exact (the AML model's)
                QLabel *unknown = m_cells.value(p).value(c);
                unknown->setText(tr("no estimate"));
                unknown->setProperty("bytes", QVariant());
            }
            cell->setText(tr("no estimate"));
            cell->setProperty("batch", r.largestBatch);
            continue;
        }
        showBytes(p, Activations, r.memory.activationsBytes);
        showBytes(p, Total, r.memory.totalBytes);
        cell->setText(r.largestBatch > 0 ? QLocale().toString(r.largestBatch) : tr("does not fit"));
        cell->setProperty("batch", r.largestBatch);
    }
    m_noEstimate->setVisible(unavailable);
    m_noEstimate->setText( // names what the size depends on, per data kind
        m_config.data.kind == "pdm_fleet"
            ? tr("No size or memory estimate for this model from the config alone: the sensor model's input width "
                 "is the fleet's sensors and its windows come from the fleet, both read when training starts. The "
                 "launcher does not check this run against the free memory.")
            : tr("No memory estimate for this model from the config alone: the AML graph model passes "
                 "messages over all of the project's transactions and accounts every step, so its "
                 "memory grows with the data. Weights, gradients and optimizer state are exact; the "
                 "launcher does not check this run against the free memory."));
    showStepTimes();
}

void EstimatesPanel::showStepTimes()
{
    m_autoLine->setEnabled(m_has);
    if (!m_shown)
        return;
    const bool cpu = m_config.training.device == "cpu";
    const int threads = m_config.training.threads > 0 ? m_config.training.threads : QThread::idealThreadCount();
    const std::optional<seekbench::PrecisionSpeed> speed = cpu ? m_probe->speed(seekbench::typicalGemmShape(m_config),
                                                                                threads)
                                                               : std::nullopt;
    m_speed = speed;
    for (const QString &p : precisions()) {
        QLabel *cell = m_cells.value(p).value(StepMatmuls);
        const double gflops = !speed                       ? 0
                              : p == QLatin1String("fp32") ? speed->fp32Gflops
                              : p == QLatin1String("bf16") ? speed->bf16Gflops
                                                           : 0;
        const double seconds = seekbench::matmulStepSeconds(m_config, gflops);
        cell->setProperty("seconds", seconds > 0 ? QVariant(seconds) : QVariant());
        if (seconds > 0) {
            cell->setText(tr("≥ %1").arg(formatSeconds(seconds)));
            cell->setToolTip(tr("%1 GFLOP/s measured for a %2 GEMM on %n thread(s)", nullptr, threads)
                                 .arg(QLocale().toString(gflops, 'f', 0), QString::fromStdString(speed->shape.text())));
        } else {
            cell->setText(QStringLiteral("—"));
            cell->setToolTip(!cpu                         ? tr("Measured for CPU runs only.")
                             : p == QLatin1String("fp16") ? tr("fp16 trains on CUDA only.")
                                                          : QString());
        }
    }
    const bool autoRequested = m_config.training.precision == "auto";
    if (!cpu) {
        m_autoLine->setText(autoRequested ? tr("precision: auto trains in bf16 on a CUDA device with bf16 tensor cores "
                                               "(compute capability 8.0 or later), else in fp32.")
                                          : QString());
    } else if (speed) {
        const seekbench::PrecisionChoice choice = seekbench::decidePrecision("auto", "cpu", speed, false);
        const QString ratio = QLocale().toString(speed->bf16Gflops / std::max(1e-9, speed->fp32Gflops), 'f', 2);
        const QString threshold = QLocale().toString(seekbench::kBf16MinSpeedup, 'f', 2);
        const QString chosen = QString::fromStdString(choice.precision);
        m_autoLine->setText(autoRequested ? tr("precision: auto trains in %1 on this machine: bf16 runs its GEMMs %2x "
                                               "as fast as fp32 here (auto takes bf16 from %3x).")
                                                .arg(chosen, ratio, threshold)
                                          : tr("With precision: auto this config would train in %1 on this machine: "
                                               "bf16 runs its GEMMs %2x as fast as fp32 here (auto takes bf16 from "
                                               "%3x).")
                                                .arg(chosen, ratio, threshold));
    } else if (m_probe->isMeasuring()) {
        m_autoLine->setText(tr("Measuring fp32 against bf16 on this machine…"));
    } else {
        m_autoLine->setText(
            m_probe->error().isEmpty()
                ? QString()
                : tr("No step-time estimate: the fp32/bf16 measurement failed (%1).").arg(m_probe->error()));
    }
}

QString EstimatesPanel::formatSeconds(double seconds)
{
    if (seconds < 1.0)
        return tr("%1 ms").arg(QLocale().toString(seconds * 1e3, 'f', seconds < 0.01 ? 2 : 0));
    return tr("%1 s").arg(QLocale().toString(seconds, 'f', 2));
}

} // namespace seekbench::ui
