#pragma once

#include "seekbench/projects/aml_case_store.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace seekbench::projects {
class Project;
}

namespace seekbench::widgets {
class AlertTimeline;
}

class QStackedWidget;

namespace seekbench::ui {

class DemoOffer;

// The alert timeline with its filters (score, status, account). The alerts are read off
// the GUI thread whenever a filter changes; clicking one emits alertActivated.
class AmlAlertsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AmlAlertsPanel(std::shared_ptr<const projects::Project> project, QWidget *parent = nullptr);
    ~AmlAlertsPanel() override;

    // The run and model whose alerts are shown ('' run: the newest with alerts).
    void setRun(const QString &runId, const QString &model);
    QString runId() const { return m_runId; }
    QString model() const { return m_model; }
    void reload();
    bool isLoading() const { return m_reader.isRunning() || m_pending; }
    widgets::AlertTimeline *timeline() const { return m_timeline; }
    const std::vector<projects::AmlTimelineAlert> &alerts() const { return m_alerts; }
    // Filters (also set by the controls).
    void setMinScore(double score);
    void setStatuses(const QStringList &statuses);
    void setAccount(const QString &name);

Q_SIGNALS:
    void alertActivated(qint64 alertId);
    void alertsLoaded(int count);

private:
    struct Result
    {
        std::vector<projects::AmlTimelineAlert> alerts;
        QString runId, model, error;
        bool noAlertRun = false; // the project has no scored alerts at all
    };
    static Result query(std::shared_ptr<const projects::Project> project, projects::AmlAlertQuery q, QString account);
    void apply(const Result &r);

    std::shared_ptr<const projects::Project> m_project;
    QString m_runId, m_model = QStringLiteral("graph");
    widgets::AlertTimeline *m_timeline;
    QDoubleSpinBox *m_minScore;
    QList<QCheckBox *> m_statusBoxes;
    QLineEdit *m_account;
    QLabel *m_info;
    QStackedWidget *m_pages = nullptr; // the timeline, or the demo offer when there are no alerts
    DemoOffer *m_offer = nullptr;
    QTimer m_debounce;
    QFutureWatcher<Result> m_reader;
    bool m_pending = false;
    std::vector<projects::AmlTimelineAlert> m_alerts;
};

} // namespace seekbench::ui
