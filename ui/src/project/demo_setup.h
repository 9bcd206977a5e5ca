#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace seekbench::ui {

// Fills a new scenario project with demo data and a trained model's results, out of
// process: a detached `seekbench-cli <scenario> generate`, then a detached
// `seekbench-cli <scenario> train` (a normal run of the project, with live charts in the
// workbench), the way RunLauncher starts training. Scenarios: "aml" (transfers, the graph
// model and XGBoost, alerts), "pdm" (a simulated fleet, the sensor model, its
// evaluation and alerts) and "kg" (a generated clinical corpus, the entity and relation
// model, whose evaluation builds and stores the knowledge graph). The GUI never waits: it polls the process and its event log, reports
// progress, and cancel stops the process (SIGTERM; the run ends as cancelled).
class DemoSetup : public QObject
{
    Q_OBJECT
public:
    enum class Stage { Idle, Generating, Training, Done, Failed, Cancelled };

    explicit DemoSetup(const QString &projectDir, QObject *parent = nullptr,
                       const QString &scenario = QStringLiteral("aml"));
    ~DemoSetup() override;

    // Whether `scenario` has a demo ("aml", "pdm", "kg").
    static bool hasDemo(const QString &scenario);
    // The seekbench-cli arguments of each step (no shell: each is one argv word).
    static QStringList generateArguments(const QString &projectDir, const QString &scenario = QStringLiteral("aml"));
    static QStringList trainArguments(const QString &projectDir, const QString &scenario = QStringLiteral("aml"));
    // training.max_steps of the demo config
    static int trainSteps(const QString &projectDir, const QString &scenario = QStringLiteral("aml"));

    bool start();
    void cancel();
    Stage stage() const { return m_stage; }
    qint64 pid() const { return m_pid; }

Q_SIGNALS:
    void progress(int percent, const QString &text);
    void finished(bool ok, const QString &message);

private:
    bool launch(const QStringList &arguments, const QString &logName);
    void poll();
    void fail(const QString &message);
    QString lastErrorLine() const;
    int lastStep() const;

    bool generated() const;
    bool trained() const;
    QString m_dir, m_scenario, m_outLog, m_errLog;
    Stage m_stage = Stage::Idle;
    qint64 m_pid = 0;
    int m_steps = 200;
    QTimer m_timer;
};

} // namespace seekbench::ui
