#pragma once

// The predictive maintenance policy view (issue 26): a run's test period replayed under
// three maintenance policies (run to failure, a fixed schedule tuned on validation, acting
// on the model's alerts with a crew capacity), with the settings editable. Every change
// replays the policies on a worker thread, debounced, the newest request winning; invalid
// settings are named next to the form and the last good result stays, marked out of date.

#include "seekbench/pdm/policy.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QThread;

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

class EmptyState;
class PolicyChart;

class PolicyView : public QWidget
{
    Q_OBJECT
public:
    explicit PolicyView(std::shared_ptr<const projects::Project> project, QWidget *parent = nullptr);

    // Loads the run's kept replay off the GUI thread and replays it with the run's settings.
    void showRun(const QString &runId);
    QString runId() const { return m_runId; }

    // What tests read: the comparison shown, whether it is out of date (the form's settings
    // are invalid), the form's error, the thread the last shown replay ran on.
    bool hasComparison() const { return m_hasComparison; }
    const pdm::PolicyComparison &comparison() const { return m_comparison; }
    const pdm::PolicySettings &shownSettings() const { return m_shownSettings; }
    bool isOutOfDate() const { return m_outOfDate; }
    QString errorText() const;
    QThread *lastReplayThread() const { return m_replayThread; }
    QTableWidget *resultsTable() const { return m_table; }
    // Replays the form's settings now instead of after the debounce.
    void replayNow();

Q_SIGNALS:
    void replayed();
    void failed(const QString &message);

private:
    struct Loaded
    {
        QString runId, title, error;
        std::shared_ptr<const pdm::PolicyReplay> replay;
        pdm::PolicyComparison comparison;
        QThread *thread = nullptr;
    };
    struct Replayed
    {
        quint64 generation = 0;
        pdm::PolicySettings settings;
        pdm::PolicyComparison comparison;
        QString error;
        QThread *thread = nullptr;
    };
    static Loaded load(std::shared_ptr<const projects::Project> project, QString runId);
    static Replayed replay(std::shared_ptr<const pdm::PolicyReplay> replay, pdm::PolicySettings settings,
                           quint64 generation);

    QWidget *buildSettings();
    QWidget *buildResults();
    void addField(QWidget *field, const char *name, const QString &label, const QString &tip);
    QDoubleSpinBox *addNumber(const char *name, const QString &label, const QString &suffix, double min, double max,
                              int decimals, const QString &tip);
    void loaded(const Loaded &result);
    void setForm(const pdm::PolicySettings &settings);
    // The form's settings; false with m_error set (naming the field) when they are invalid.
    bool readForm(pdm::PolicySettings &settings);
    void replayFinished();
    void apply(const pdm::PolicySettings &settings, const pdm::PolicyComparison &comparison, QThread *thread);
    void setOutOfDate(bool outOfDate);

    std::shared_ptr<const projects::Project> m_project;
    QString m_runId;
    std::shared_ptr<const pdm::PolicyReplay> m_replay;
    pdm::PolicyComparison m_comparison;
    pdm::PolicySettings m_shownSettings;
    bool m_hasComparison = false, m_outOfDate = false, m_pending = false;
    quint64 m_generation = 0;
    QThread *m_replayThread = nullptr;
    QTimer m_debounce;
    QFutureWatcher<Loaded> m_loader;
    QFutureWatcher<Replayed> m_replayer;

    QStackedWidget *m_pages = nullptr;
    EmptyState *m_empty = nullptr;
    QLabel *m_title = nullptr, *m_error = nullptr, *m_tuningText = nullptr, *m_note = nullptr;
    QDoubleSpinBox *m_unplannedCost = nullptr, *m_plannedCost = nullptr, *m_partsCost = nullptr, *m_crewCost = nullptr,
                   *m_correctiveHours = nullptr, *m_plannedHours = nullptr, *m_responseHours = nullptr,
                   *m_preventableDays = nullptr, *m_cycleHours = nullptr;
    QSpinBox *m_crewPerDay = nullptr;
    QLineEdit *m_scheduleDays = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_reset = nullptr;
    PolicyChart *m_chart = nullptr;
    QTableWidget *m_table = nullptr, *m_reductions = nullptr, *m_tuning = nullptr;
};

} // namespace seekbench::ui
