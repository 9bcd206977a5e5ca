#include "seekbench/ui/run_controller.h"

#include "seekbench/projects/run_control.h"
#include "seekbench/ui/run_launcher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <csignal>

namespace seekbench::ui {

using seekbench::projects::RunControl;

RunController::RunController(const QString &projectDir, QObject *parent)
    : QObject(parent), m_projectDir(projectDir)
{
}

RunController::~RunController()
{
    // The `runs stop` helpers end with us; the runs themselves are never touched here.
    for (auto &s : m_stops) {
        s.process->disconnect(this);
        s.process->kill();
        s.process->waitForFinished(1000);
    }
}

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
    s.process = new QProcess(this);
    s.countdown = new QTimer(this);
    s.countdown->setInterval(1000);
    connect(s.countdown, &QTimer::timeout, this, [this, id] {
        auto it = m_stops.find(id);
        if (it == m_stops.end())
            return;
        it->secondsLeft = std::max(0, it->secondsLeft - 1);
        Q_EMIT stopProgress(id, it->secondsLeft);
    });
    connect(s.process, &QProcess::finished, this, [this, id](int code, QProcess::ExitStatus) { finishStop(id, code); });
    s.process->start(RunLauncher::cliPath(),
                     {QStringLiteral("runs"), QStringLiteral("stop"), id, QStringLiteral("--project"), m_projectDir,
                      QStringLiteral("--wait"), QString::number(graceSeconds), QStringLiteral("--json")});
    s.countdown->start();
    m_stops.insert(id, s);
    Q_EMIT stopProgress(id, graceSeconds);
}

void RunController::finishStop(const QString &runId, int exitCode)
{
    const auto it = m_stops.find(runId);
    if (it == m_stops.end())
        return;
    Stop s = *it;
    m_stops.erase(it);
    s.countdown->stop();
    s.countdown->deleteLater();
    const QByteArray out = s.process->readAllStandardOutput();
    const QString err = QString::fromUtf8(s.process->readAllStandardError()).trimmed();
    s.process->deleteLater();
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    if (exitCode == 0 && result.value(QStringLiteral("stopped")).toBool()) {
        Q_EMIT stopped(runId, false);
        return;
    }
    // Still alive after the grace period: kill it, but only if the recorded identity
    // (host, pid, start time) is still this very process.
    if (result.contains(QStringLiteral("signalled")) && RunControl::signalWriter(s.run, SIGKILL)) {
        Q_EMIT stopped(runId, true);
        return;
    }
    Q_EMIT failed(runId, err.isEmpty() ? tr("the run could not be stopped") : err);
}

bool RunController::signalStop(const seekbench::projects::RunRecord &run)
{
    return RunControl::signalWriter(run, SIGTERM);
}

void RunController::resume(const QString &runId)
{
    auto *process = new QProcess(this);
    connect(process, &QProcess::finished, this, [this, process, runId](int code, QProcess::ExitStatus) {
        const QString err = QString::fromUtf8(process->readAllStandardError()).trimmed();
        process->deleteLater();
        if (code == 0)
            Q_EMIT resumed(runId);
        else
            Q_EMIT failed(runId, err.isEmpty() ? tr("the run could not be resumed") : err);
    });
    // `runs resume` starts `train --resume` detached (new session), with its output in
    // runs/<id>/resume.{out,err}.log, and returns at once.
    process->start(RunLauncher::cliPath(), {QStringLiteral("runs"), QStringLiteral("resume"), runId,
                                            QStringLiteral("--project"), m_projectDir, QStringLiteral("--json")});
}

} // namespace seekbench::ui
