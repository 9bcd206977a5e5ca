#include "launch/run_launcher.h"

#include "launch/machine_capabilities.h"

#include "common/cli_client.h"
#include "common/project_paths.h"
#include "config/issue_text.h"
#include "seekbench/config/config_io.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/machine_memory.h"
#include "seekbench/config/validation.h"
#include "seekbench/projects/process_identity.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/project_layout.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/replies/slurm_replies.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QThread>
#include <QUuid>

namespace seekbench::ui {

namespace {

QString tail(const QString &path, int lines)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return QString();
    const QStringList all = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}
} // namespace

RunLauncher::RunLauncher(const QString &projectDir, QObject *parent)
    : QObject(parent), m_projectDir(projectDir), m_cli(new CliClient(this))
{}

RunLauncher::Check RunLauncher::checkLoad(const ConfigLoad &load)
{
    Check check;
    const ConfigIssues issues = load.ok() ? validate(load.config, machineCapabilities()) : load.issues;
    for (const ConfigIssue &issue : issues)
        check.problems << IssueText::describe(issue);
    check.ok = issues.empty();
    check.configName = QString::fromStdString(load.config.name);
    return check;
}

RunLauncher::Check RunLauncher::checkText(const QString &yaml) { return checkLoad(parseRunConfig(yaml.toStdString())); }

RunLauncher::Check RunLauncher::checkConfig(const QString &path)
{
    return checkLoad(loadRunConfig(path.toStdString()));
}

int RunLauncher::maxConcurrent(int threadsPerRun)
{
    const int setting = QSettings().value(QStringLiteral("runs/maxConcurrent"), 0).toInt();
    if (setting > 0)
        return setting;
    // Two runs with default threading on two cores are 2-9x slower each: a run that
    // takes every core (threads 0) runs alone.
    const int cores = std::max(1, QThread::idealThreadCount());
    return threadsPerRun <= 0 ? 1 : std::max(1, cores / threadsPerRun);
}

double RunLauncher::availableMemoryBytes()
{
    // The same figures as seekbench-cli's check (machine_memory.h): MemAvailable, within
    // the cgroup's limit.
    return seekbench::machineMemory().availableBytes;
}

QStringList RunLauncher::commandFor(const LaunchTarget &target, const QString &projectDir, const QString &configPath,
                                    const QString &name, const QString &parentId)
{
    const QString config = QFileInfo(configPath).absoluteFilePath();
    QStringList train{QStringLiteral("train"), QStringLiteral("--project"), projectDir, QStringLiteral("--config"),
                      config};
    if (!name.isEmpty())
        train << QStringLiteral("--name") << name;
    switch (target.kind) {
    case LaunchTarget::Kind::Local:
        if (!parentId.isEmpty())
            train << QStringLiteral("--parent") << parentId;
        return train;
    case LaunchTarget::Kind::LocalRanks:
        return QStringList{QStringLiteral("launch"), QStringLiteral("--nproc"), QString::number(target.processes),
                           QStringLiteral("--")}
               + train;
    case LaunchTarget::Kind::Slurm: {
        QStringList args{QStringLiteral("slurm"),     QStringLiteral("submit"),
                         QStringLiteral("--project"), projectDir,
                         QStringLiteral("--config"),  config,
                         QStringLiteral("--profile"), target.clusterProfile,
                         QStringLiteral("--json")};
        if (!name.isEmpty())
            args << QStringLiteral("--name") << name;
        return args;
    }
    }
    return train;
}

QStringList RunLauncher::clusterProfiles(const QString &projectDir)
{
    QStringList out;
    const QDir dir(pathText(layoutOf(projectDir).clustersDir()));
    for (const QString &f : dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

bool RunLauncher::submitSlurm(const Queued &q, QString *error)
{
    const QString cli = CliClient::executable();
    if (!QFileInfo(cli).isExecutable()) {
        *error = tr("seekbench-cli was not found at %1").arg(cli);
        return false;
    }
    if (!QFileInfo(q.target.clusterProfile).isFile()) {
        *error = tr("Choose a cluster profile (a YAML file in the project's clusters/ folder).");
        return false;
    }
    // The submission is short (sbatch returns at once) but never waited for on the GUI
    // thread; when it answers, a detached follower keeps the run in step with the job.
    const QString projectDir = m_projectDir;
    CliClient::Options options;
    options.workingDirectory = m_projectDir;
    options.timeoutMs = 120000; // sbatch on a busy login node
    m_cli->run<replies::SlurmSubmitReply>(
        commandFor(q.target, m_projectDir, q.configPath, q.name, q.parentId), this,
        [this, projectDir](const CliReply<replies::SlurmSubmitReply> &result) {
            if (!result.ok()) {
                Q_EMIT launchFailed(tr("The Slurm submission failed: %1").arg(result.error));
                return;
            }
            const QString runId = QString::fromStdString(result.reply->run);
            CliClient::DetachedOptions follow;
            follow.workingDirectory = projectDir;
            try {
                follow.stdoutFile = pathText(layoutOf(projectDir).slurmFollowOutLog(result.reply->run));
                follow.stderrFile = pathText(layoutOf(projectDir).slurmFollowErrLog(result.reply->run));
            } catch (const projects::ProjectError &e) {
                Q_EMIT launchFailed(
                    tr("The Slurm submission named a bad run: %1").arg(QString::fromStdString(e.what())));
                return;
            }
            QString why;
            if (!CliClient::startDetached({QStringLiteral("slurm"), QStringLiteral("follow"), runId,
                                           QStringLiteral("--project"), projectDir, QStringLiteral("--wait")},
                                          follow, nullptr, &why))
                Q_EMIT launchFailed(why);
            Q_EMIT runStarted(runId);
        },
        options);
    return true;
}

bool RunLauncher::launch(const QString &configPath, const QString &name, QString *error, const QString &parentId,
                         const LaunchTarget &target)
{
    // Parsed and validated once on this side; the CLI validates it once more on its side.
    const ConfigLoad load = loadRunConfig(configPath.toStdString());
    const Check check = checkLoad(load);
    if (!check.ok) {
        *error = check.problems.join(QLatin1Char('\n'));
        return false;
    }
    const RunConfig &config = load.config;
    if (config.training.device == "cpu") {
        const MemoryEstimate need = estimateTrainingMemory(config, config.training.precision,
                                                           config.training.batch_size);
        const double free = availableMemoryBytes();
        // No estimate (an AML graph model: its memory grows with the project's data):
        // nothing to compare, neither blocked nor passed as if checked; the estimates panel
        // says there is none.
        if (need.available && free > 0 && need.totalBytes > free) {
            *error = tr("This run needs about %1 MiB of memory for training, but only %2 MiB are free.")
                         .arg(need.totalBytes / 1048576.0, 0, 'f', 0)
                         .arg(free / 1048576.0, 0, 'f', 0);
            return false;
        }
        if (!need.available)
            Q_EMIT memoryNotChecked(name.isEmpty() ? check.configName : name,
                                    (config.data.kind == "pdm_fleet"
                                         ? tr("this model has no memory estimate from its config (its size and "
                                              "windows come from the fleet), so it was not checked against the %1 "
                                              "MiB free")
                                         : tr("this model has no memory estimate from its config (its memory grows "
                                              "with the project's transactions and accounts), so it was not "
                                              "checked against the %1 MiB free"))
                                        .arg(free / 1048576.0, 0, 'f', 0));
    }
    Queued q{configPath, name.isEmpty() ? check.configName : name, parentId, config.training.threads, target};
    // The cluster's scheduler decides when a Slurm job runs: it never waits in this queue.
    if (target.kind == LaunchTarget::Kind::Slurm)
        return submitSlurm(q, error);
    // N local ranks share this machine's cores between them.
    if (target.kind == LaunchTarget::Kind::LocalRanks)
        q.threads = 0;
    if (m_runningHere + static_cast<int>(m_pending.size()) >= maxConcurrent(q.threads)) {
        m_queue.append(q);
        Q_EMIT runQueued(q.name);
        return true;
    }
    return start(q, error);
}

bool RunLauncher::start(const Queued &q, QString *error)
{
    const QString configPath = q.configPath;
    const QString staging = pathText(layoutOf(m_projectDir).launchingDir());
    QDir().mkpath(staging);
    const QString token = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Pending p;
    p.outLog = pathText(layoutOf(m_projectDir).launchLogPath(token.toStdString(), "out"));
    p.errLog = pathText(layoutOf(m_projectDir).launchLogPath(token.toStdString(), "err"));
    p.name = q.name;
    p.threads = q.threads;
    CliClient::DetachedOptions detached;
    detached.workingDirectory = m_projectDir;
    detached.stdoutFile = p.outLog;
    detached.stderrFile = p.errLog;
    const QStringList command = commandFor(q.target, m_projectDir, configPath, p.name, q.parentId);
    if (!CliClient::startDetached(command, detached, &p.pid, error))
        return false;
    p.startedMs = QDateTime::currentMSecsSinceEpoch();
    m_pending.append(p);
    return true;
}

int RunLauncher::runningHere(const RunList &runs) const
{
    int n = 0;
    for (const auto &r : runs)
        if (r.status == RunStatus::Running && projects::RunControl::writerState(r) == projects::WriterState::Alive)
            ++n;
    return n;
}

void RunLauncher::onRunsListed(const RunList &runs)
{
    m_runningHere = runningHere(runs);
    const std::string host = projects::ProcessIdentity::hostName();
    for (int i = static_cast<int>(m_pending.size()) - 1; i >= 0; --i) {
        const Pending p = m_pending[i];
        const auto it = std::find_if(runs.begin(), runs.end(), [&](const projects::RunRecord &r) {
            return r.pid == p.pid && r.host == host && r.createdAt * 1000 >= p.startedMs - 5000;
        });
        if (it != runs.end()) {
            try {
                const projects::ProjectLayout layout = layoutOf(m_projectDir);
                QDir().mkpath(pathText(layout.runDir(it->id)));
                QFile::rename(p.outLog, pathText(layout.trainOutLog(it->id)));
                QFile::rename(p.errLog, pathText(layout.trainErrLog(it->id)));
            } catch (const projects::ProjectError &) {
                // A run id the layout refuses: its logs stay in runs/.launching.
            }
            m_pending.removeAt(i);
            Q_EMIT runStarted(QString::fromStdString(it->id));
            continue;
        }
        if (projects::ProcessIdentity::startTimeOf(p.pid) == 0) {
            // The process is gone and never created a run: its stderr says why.
            m_pending.removeAt(i);
            const QString why = tail(p.errLog, 6);
            Q_EMIT launchFailed(why.isEmpty() ? tr("the run process exited before it created a run") : why);
        }
    }
    // Start queued runs as cores free up.
    while (!m_queue.isEmpty()
           && m_runningHere + static_cast<int>(m_pending.size()) < maxConcurrent(m_queue.front().threads)) {
        const Queued q = m_queue.takeFirst();
        QString error;
        if (!start(q, &error))
            Q_EMIT launchFailed(error);
    }
}

} // namespace seekbench::ui
