#pragma once

#include "seekbench/projects/run_record.h"

#include "common/cli_client.h"
#include "seekbench/replies/runs_replies.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QTimer;

namespace seekbench::ui {

// Stop and resume through seekbench-cli, never blocking the GUI. Stop is two-staged:
// `runs stop` sends SIGTERM after checking the pid, its start time and the host (the
// trainer writes a final checkpoint and exits); when the run is still alive after the
// grace period, which the user sees counting down, it is killed, after the same check.
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(const QString &projectDir, QObject *parent = nullptr);
    ~RunController() override;

    void stop(const seekbench::projects::RunRecord &run, int graceSeconds);
    void resume(const QString &runId);
    // SIGTERM now, without waiting (closing the GUI with "stop them"): only after the
    // same pid, start time and host check. False when the process is not that run's.
    static bool signalStop(const seekbench::projects::RunRecord &run);
    bool isStopping(const QString &runId) const { return m_stops.contains(runId); }
    // Seconds before the kill; -1 when the run is not being stopped.
    int secondsLeft(const QString &runId) const;

Q_SIGNALS:
    void stopProgress(const QString &runId, int secondsLeft);
    void stopped(const QString &runId, bool killed);
    void resumed(const QString &runId);
    void failed(const QString &runId, const QString &reason);

private:
    struct Stop
    {
        QPointer<CliCall> call;
        QTimer *countdown = nullptr;
        int secondsLeft = 0;
        seekbench::projects::RunRecord run;
    };
    void finishStop(const QString &runId, const CliReply<replies::RunsStopReply> &result);

    QString m_projectDir;
    CliClient *m_cli;
    QHash<QString, Stop> m_stops;
};

} // namespace seekbench::ui
