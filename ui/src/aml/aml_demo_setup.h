#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace seekbench::ui {

// Fills a new AML project with demo data and scored alerts, out of process: a detached
// `seekbench-cli aml generate`, then a detached `seekbench-cli aml train` (a normal run
// of the project, with live charts in the workbench), the way RunLauncher starts
// training. The GUI never waits: it polls the process and its event log, reports
// progress, and cancel stops the process (SIGTERM; the run ends as cancelled).
class AmlDemoSetup : public QObject
{
    Q_OBJECT
public:
    enum class Stage { Idle, Generating, Training, Done, Failed, Cancelled };

    explicit AmlDemoSetup(const QString &projectDir, QObject *parent = nullptr);
    ~AmlDemoSetup() override;

    // The seekbench-cli arguments of each step (no shell: each is one argv word).
    static QStringList generateArguments(const QString &projectDir);
    static QStringList trainArguments(const QString &projectDir);
    static int trainSteps(const QString &projectDir); // training.max_steps of the demo config

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

    QString m_dir, m_outLog, m_errLog;
    Stage m_stage = Stage::Idle;
    qint64 m_pid = 0;
    int m_steps = 200;
    QTimer m_timer;
};

} // namespace seekbench::ui
