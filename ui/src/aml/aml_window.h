#pragma once

#include <QMainWindow>

#include <memory>

class QTabWidget;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class AmlAlertsPanel;
class AmlCaseView;
class AmlThresholdPanel;

// The anti-money-laundering views of a project, in a window of their own: the alert
// timeline, the case of the selected alert, and the threshold. MainWindow only opens it.
class AmlWindow : public QMainWindow
{
    Q_OBJECT
public:
    AmlWindow(std::shared_ptr<const projects::Project> project, const QString &projectDir, QWidget *parent = nullptr);

    AmlAlertsPanel *alertsPanel() const { return m_alerts; }
    AmlCaseView *caseView() const { return m_case; }
    AmlThresholdPanel *thresholdPanel() const { return m_threshold; }
    QTabWidget *tabs() const { return m_tabs; }
    // Opens an alert's case and shows the Case tab (what clicking it on the timeline does).
    void openAlert(qint64 alertId);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override; // each time it is opened: alerts as they are now

private:
    void reopenCaseAfterRecreation();

    std::shared_ptr<const projects::Project> m_project;
    AmlAlertsPanel *m_alerts;
    AmlCaseView *m_case;
    AmlThresholdPanel *m_threshold;
    QTabWidget *m_tabs;
};

} // namespace seekbench::ui
