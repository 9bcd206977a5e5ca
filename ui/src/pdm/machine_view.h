#pragma once

#include "pdm/machine_loader.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;

namespace seekbench::projects {
class Project;
}

namespace seekbench::widgets {
class ContributionChart;
class ImportanceChart;
} // namespace seekbench::widgets

namespace seekbench::ui {

class MachineCharts;

// One machine of a predictive maintenance run: its header (split, risk now, predicted RUL,
// alerts, failures), its risk, RUL and sensor charts on one time axis with maintenance,
// failures and the selected window marked, the window's attention over time and over the
// sensors, the XGBoost contributions behind the selected alert, and its alert list.
// Selecting an alert redraws the marks, the attention and the contributions; the readings
// are read once per machine, off the GUI thread.
class MachineView : public QWidget
{
    Q_OBJECT
public:
    explicit MachineView(std::shared_ptr<const projects::Project> project, QWidget *parent = nullptr);
    ~MachineView() override;

    // alertId -1: the machine's latest alert, else its last window.
    void showMachine(const QString &runId, int machine, qint64 alertId = -1);
    // The alert selected (-1: the machine's last window).
    qint64 selectedAlert() const;
    void selectAlert(qint64 alertId);
    std::shared_ptr<const MachineData> data() const { return m_data; }

    MachineCharts *charts() const { return m_charts; }
    QTableWidget *alertTable() const { return m_table; }
    widgets::ImportanceChart *sensorBars() const { return m_sensorBars; }
    widgets::ContributionChart *contributions() const { return m_contributions; }
    QLabel *headerLabel() const { return m_facts; }
    QLabel *fleetMessage() const { return m_fleetMessage; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onLoaded(const std::shared_ptr<MachineData> &data);
    void onFailed(const QString &message);
    void fillHeader();
    void fillTable();
    void onRowSelected();
    void showSelection(const pdm::AlertRecord *alert);
    void showContributions(const pdm::AlertRecord *alert);
    QString featureName(const std::string &feature) const;
    QString scoreText(double v) const;
    void saveReport();
    void retranslate();

    std::shared_ptr<const projects::Project> m_project;
    MachineLoader *m_loader = nullptr;
    std::shared_ptr<const MachineData> m_data;
    qint64 m_pendingAlert = -1;
    bool m_probabilities = true;
    QLabel *m_title = nullptr, *m_facts = nullptr, *m_fleetMessage = nullptr, *m_status = nullptr;
    QLabel *m_alertsTitle = nullptr, *m_sensorTitle = nullptr, *m_whyTitle = nullptr;
    QPushButton *m_save = nullptr;
    MachineCharts *m_charts = nullptr;
    QTableWidget *m_table = nullptr;
    widgets::ImportanceChart *m_sensorBars = nullptr;
    widgets::ContributionChart *m_contributions = nullptr;
    QFutureWatcher<QString> m_saving;
    QString m_savingPath;
};

} // namespace seekbench::ui
