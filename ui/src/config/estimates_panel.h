#pragma once

#include "seekbench/config/estimates.h"
#include "seekbench/config/validation.h"

#include "seekbench/run/precision_choice.h"

#include <QHash>
#include <QWidget>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;

namespace seekbench::ui {

class PrecisionProbe;

// Live estimates of the config being edited, from core_api's arithmetic (the numbers
// `seekbench-cli estimate` prints): the exact parameter count, training memory per
// precision at the config's batch size, and the largest batch that fits a budget the
// user sets (a 24 GB card by default). Every precision is estimated, also fp16 where
// the machine cannot train in it; the row says so. Beside the memory, each precision's
// step matmul time at this machine's measured GEMM speed, and what precision: auto picks
// here (PrecisionProbe).
class EstimatesPanel : public QWidget
{
    Q_OBJECT
public:
    struct Row
    {
        seekbench::MemoryEstimate memory;
        int largestBatch = 0;
    };

    explicit EstimatesPanel(QWidget *parent = nullptr);

    void setCapabilities(const seekbench::BuildCapabilities &caps);
    // Recomputes; with `usable` false (the model has problems) the panel shows dashes.
    void recompute(const seekbench::RunConfig &config, bool usable);

    double budgetGib() const;
    void setBudgetGib(double gib);
    bool hasEstimates() const { return m_has; }
    const seekbench::ParameterCount &parameters() const { return m_params; }
    Row row(const QString &precision) const { return m_rows.value(precision); }

    static QStringList precisions();
    static QString formatBytes(double bytes);
    static QString formatCount(qint64 count);
    static QString formatSeconds(double seconds);
    // The fp32/bf16 measurement the step times come from; nullopt until it is known.
    std::optional<seekbench::PrecisionSpeed> precisionSpeed() const { return m_speed; }
    PrecisionProbe *probe() const { return m_probe; }

Q_SIGNALS:
    void budgetChanged(double gib);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showBytes(const QString &precision, int column, double bytes);
    void showStepTimes();

    seekbench::BuildCapabilities m_caps;
    seekbench::RunConfig m_config;
    bool m_has = false;
    seekbench::ParameterCount m_params;
    QHash<QString, Row> m_rows;
    QLabel *m_paramsLabel, *m_paramsValue, *m_activeValue, *m_batchLabel, *m_budgetLabel;
    QDoubleSpinBox *m_budget;
    QGridLayout *m_grid;
    QList<QLabel *> m_headers;
    QList<QLabel *> m_valueLabels;
    QLabel *m_stale = nullptr;
    QLabel *m_autoLine = nullptr; // what precision: auto picks on this machine, and why
    PrecisionProbe *m_probe = nullptr;
    std::optional<seekbench::PrecisionSpeed> m_speed;
    QLabel *m_noEstimate = nullptr; // why there is no memory estimate (an AML graph model)
    bool m_shown = false;           // numbers of a valid config have been shown
    QHash<QString, QLabel *> m_precisionLabels;
    QHash<QString, QList<QLabel *>> m_cells; // weights, gradients, optimizer, activations, total, batch
};

} // namespace seekbench::ui
