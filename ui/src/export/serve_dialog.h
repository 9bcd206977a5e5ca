#pragma once

// Run > Serve model… (issue 23): one of the run's TorchScript exports (fp32 or INT8, a
// Triton repository's version folder too) served by `seekbench-cli serve`, started as a
// detached process so it outlives this window, with its live request rate, latency
// quantiles, mean batch and queue read from its /metrics every second. Stop sends it
// SIGTERM: it answers what it queued and exits.

#include "seekbench/projects/run_record.h"

#include "export/serving_metrics_text.h"

#include <QDialog>
#include <QElapsedTimer>

class QCheckBox;
class QComboBox;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;
class QTimer;

namespace seekbench::ui {

class ServeDialog : public QDialog
{
    Q_OBJECT
public:
    ServeDialog(const QString &projectDir, const projects::RunRecord &run, QWidget *parent = nullptr);

    QComboBox *modelBox() const { return m_model; }
    QSpinBox *portBox() const { return m_port; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *stopButton() const { return m_stop; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *ratesLabel() const { return m_rates; }
    qint64 serverPid() const { return m_pid; }
    bool isReady() const { return m_ready; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void start();
    void stop();
    void poll();
    void showRates(const ServingRates &r);
    void setSettingsEnabled(bool on);
    QString inferUrl() const;
    bool serverAlive() const;

    QString m_projectDir;
    projects::RunRecord m_run;
    QLabel *m_intro, *m_modelLabel, *m_portLabel, *m_batchLabel, *m_delayLabel, *m_instancesLabel, *m_status, *m_rates;
    QComboBox *m_model;
    QSpinBox *m_port, *m_batch, *m_delay, *m_instances;
    QCheckBox *m_batching;
    QPushButton *m_start, *m_stop;
    QTimer *m_timer;
    QNetworkAccessManager *m_net;
    qint64 m_pid = 0;
    bool m_ready = false;
    QString m_log;
    ServingScrape m_last;
    QElapsedTimer m_sinceLast;
};

} // namespace seekbench::ui
