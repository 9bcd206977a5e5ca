#pragma once

#include "common/cli_client.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;

namespace seekbench::projects {
class Project;
}

namespace seekbench::widgets {
class ThresholdCurveView;
}

namespace seekbench::ui {

// The operating point: precision, recall and FPR against the threshold (the run's stored
// curve on its validation months, where the threshold is chosen; never the test months',
// unless the run kept no other), the threshold line draggable with the alerts per day it
// gives updated live. *Apply* re-creates the alerts at the new threshold with the engine
// (`seekbench-cli aml alerts --threshold --json`), out of process.
class AmlThresholdPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AmlThresholdPanel(std::shared_ptr<const projects::Project> project, const QString &projectDir,
                               QWidget *parent = nullptr);

    // Reads the run's curve and operating point; false (with the reason shown) when absent.
    bool setRun(const QString &runId, const QString &model);
    QString runId() const { return m_runId; }
    QString model() const { return m_model; }
    widgets::ThresholdCurveView *curveView() const { return m_view; }
    double alertsPerDayAt(double threshold) const;
    QString summary() const;
    // The curve shown is the validation months' (false: the run kept only the test months').
    bool showsValidation() const { return m_onValidation; }
    bool apply();
    bool isApplying() const { return m_applying && m_applying->isRunning(); }

Q_SIGNALS:
    void alertsRecreated();
    void message(const QString &text);

private:
    void showPoint(double threshold);

    std::shared_ptr<const projects::Project> m_project;
    QString m_projectDir, m_runId, m_model;
    double m_days = 1, m_stored = 0;
    bool m_onValidation = true; // the curve shown is the validation months' (else the test months')
    widgets::ThresholdCurveView *m_view;
    QLabel *m_info;
    QPushButton *m_apply;
    CliClient *m_cli;
    QPointer<CliCall> m_applying;
};

} // namespace seekbench::ui
