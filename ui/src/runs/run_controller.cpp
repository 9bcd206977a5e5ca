#include "runs/run_controller.h"

#include "seekbench/projects/run_control.h"
#include <QTimer>

#include <csignal>

namespace seekbench::ui {

using seekbench::projects::RunControl;

using replies::RunsResumeReply;
using replies::RunsStopReply;

RunController::RunController(const QString &projectDir, QObject *parent)
    : QObject(parent), m_projectDir(projectDir), m_cli(new CliClient(this))
{}

// The `runs stop` helpers end with us (the CliClient kills the verbs it still runs); the
// runs themselves are never touched here.
RunController::~RunController() = default;

int RunController::secondsLeft(const QString &runId) const
{
    const auto it = m_stops.constFind(runId);
    return it == m_stops.constEnd() ? -1 : it->secondsLeft;
}

void RunController::stop(const seekbench::projects::RunRecord &run, int graceSeconds)
{
    const QString id = QString::fromStdString(run.id);
    if (m_stops.contains(id))
        return;
    Stop s;
    s.run = run;
    s.secondsLeft = graceSeconds;
    s.countdown = new QTimer(this);
    s.countdown->setInterval(1000);
    connect(s.countdown, &QTimer::timeout, this, [this, id] {
        auto it = m_stops.find(id);
        if (it == m_stops.end())
            return;
        it->secondsLeft = std::max(0, it->secondsLeft - 1);
        Q_EMIT stopProgress(id, it->secondsLeft);
    });
    // The verb waits the grace period itself: its timeout leaves it that and more.
    CliClient::Options options;
    options.timeoutMs = (graceSeconds + 30) * 1000;
    s.call = m_cli->run<RunsStopReply>(
        {QStringLiteral("runs"), QStringLiteral("stop"), id, QStringLiteral("--project"), m_projectDir,
         QStringLiteral("--wait"), QString::number(graceSeconds), QStringLiteral("--json")},
        this, [this, id](const CliReply<RunsStopReply> &result) { finishStop(id, result); }, options);
    s.countdown->start();
    m_stops.insert(id, s);
    Q_EMIT stopProgress(id, graceSeconds);
}

void RunController::finishStop(const QString &runId, const CliReply<RunsStopReply> &result)
{
    const auto it = m_stops.find(runId);
    if (it == m_stops.end())
        return;
    Stop s = *it;
    m_stops.erase(it);
    s.countdown->stop();
    s.countdown->deleteLater();
    // A local run stopped, or a Slurm run whose job was cancelled (scancel ends every rank;
    // the run's follower records its end in the store).
    if (result.ok() && result.reply && (result.reply->stopped || result.reply->scancelJob)) {
        Q_EMIT stopped(runId, false);
        return;
    }
    // Still alive after the grace period (the verb exits 3 with its reply): kill it, but
    // only if the recorded identity (host, pid, start time) is still this very process.
    if (result.reply && result.reply->signalledPid && RunControl::signalWriter(s.run, SIGKILL)) {
        Q_EMIT stopped(runId, true);
        return;
    }
    Q_EMIT failed(runId, result.error.isEmpty() ? tr("the run could not be stopped") : result.error);
}

bool RunController::signalStop(const seekbench::projects::RunRecord &run)
{
    return RunControl::signalWriter(run, SIGTERM);
}

void RunController::resume(const QString &runId)
{
    // `runs resume` starts `train --resume` detached (new session), with its output in
    // runs/<id>/resume.{out,err}.log, and returns at once.
    const QStringList args{QStringLiteral("runs"), QStringLiteral("resume"), runId, QStringLiteral("--project"),
                           m_projectDir,           QStringLiteral("--json")};
    m_cli->run<RunsResumeReply>(args, this, [this, runId](const CliReply<RunsResumeReply> &result) {
        if (result.ok())
            Q_EMIT resumed(runId);
        else
            Q_EMIT failed(runId, result.error.isEmpty() ? tr("the run could not be resumed") : result.error);
    });
}

} // namespace seekbench::ui
