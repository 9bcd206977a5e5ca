#include "common/cli_client.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace seekbench::ui {

namespace {
constexpr int kKillAfterMs = 3000;

// The verb's words for messages: "runs stop", "aml alerts" (the words before the first option).
QString verbOf(const QStringList &arguments)
{
    QStringList words;
    for (const QString &a : arguments) {
        if (a.startsWith(QLatin1Char('-')) || words.size() == 2)
            break;
        words << a;
    }
    return words.join(QLatin1Char(' '));
}
} // namespace

QString CliResult::lastErrorLine() const
{
    const QStringList lines = standardError.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (!it->trimmed().isEmpty())
            return it->trimmed();
    return {};
}

// ---- CliCall ----------------------------------------------------------------------------

CliCall::CliCall(const QStringList &arguments, const Setup &setup, QObject *parent)
    : QObject(parent), m_arguments(arguments), m_setup(setup)
{
    m_timeout.setSingleShot(true);
    m_kill.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        stopProcess();
    });
    connect(&m_kill, &QTimer::timeout, this, [this] {
        if (m_process)
            m_process->kill();
    });
}

CliCall::~CliCall()
{
    // The verb ends with its client (the GUI closing): never left running unowned.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void CliCall::start()
{
    const QString program = CliClient::executable();
    if (!QFileInfo(program).isExecutable()) {
        // Reported from the event loop, like every other outcome.
        QMetaObject::invokeMethod(
            this,
            [this, program] {
                complete(CliResult::Outcome::NotFound, CliClient::tr("seekbench-cli was not found at %1").arg(program));
            },
            Qt::QueuedConnection);
        return;
    }
    m_process = new QProcess(this);
    m_process->setStandardInputFile(QProcess::nullDevice());
    if (!m_setup.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_setup.workingDirectory);
    connect(m_process, &QProcess::finished, this, [this] { processFinished(); });
    connect(m_process, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        const QString why = CliClient::tr("cannot start %1: %2").arg(program, m_process->errorString());
        // QProcess may report this from inside start(): the caller hears of it from the event loop.
        QMetaObject::invokeMethod(
            this, [this, why] { complete(CliResult::Outcome::FailedToStart, why); }, Qt::QueuedConnection);
    });
    if (m_setup.timeoutMs > 0)
        m_timeout.start(m_setup.timeoutMs);
    m_process->start(program, m_arguments);
}

void CliCall::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        complete(CliResult::Outcome::Cancelled,
                 CliClient::tr("seekbench-cli %1 was cancelled").arg(verbOf(m_arguments)));
        return;
    }
    stopProcess();
}

void CliCall::stopProcess()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    m_kill.start(kKillAfterMs);
}

void CliCall::processFinished()
{
    m_result.standardOutput = m_process->readAllStandardOutput();
    m_result.standardError = QString::fromUtf8(m_process->readAllStandardError());
    const bool normal = m_process->exitStatus() == QProcess::NormalExit;
    m_result.exitCode = normal ? m_process->exitCode() : -1;
    const QString verb = verbOf(m_arguments);
    const QString last = m_result.lastErrorLine();
    if (m_cancelled)
        return complete(CliResult::Outcome::Cancelled, CliClient::tr("seekbench-cli %1 was cancelled").arg(verb));
    if (m_timedOut)
        return complete(CliResult::Outcome::TimedOut,
                        CliClient::tr("seekbench-cli %1 did not answer within %2 s and was stopped")
                            .arg(verb)
                            .arg(m_setup.timeoutMs / 1000.0, 0, 'f', 0));
    if (!normal)
        return complete(CliResult::Outcome::Crashed,
                        last.isEmpty() ? CliClient::tr("seekbench-cli %1 crashed").arg(verb)
                                       : CliClient::tr("seekbench-cli %1 crashed: %2").arg(verb, last));
    if (m_result.exitCode != 0) {
        const QString meaning = CliClient::exitCodeMeaning(m_result.exitCode);
        return complete(CliResult::Outcome::Failed,
                        last.isEmpty()
                            ? CliClient::tr("seekbench-cli %1 failed (exit code %2: %3)")
                                  .arg(verb)
                                  .arg(m_result.exitCode)
                                  .arg(meaning)
                            : CliClient::tr("%1 (exit code %2: %3)").arg(last).arg(m_result.exitCode).arg(meaning));
    }
    complete(CliResult::Outcome::Ok, {});
}

void CliCall::complete(CliResult::Outcome outcome, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    m_kill.stop();
    m_result.outcome = outcome;
    m_result.error = error;
    Q_EMIT finished();
    deleteLater();
}

// ---- CliClient --------------------------------------------------------------------------

CliClient::CliClient(QObject *parent) : QObject(parent) {}

CliClient::~CliClient() = default;

QString CliClient::executable()
{
    const QString env = qEnvironmentVariable("SEEKBENCH_CLI");
    if (!env.isEmpty())
        return env;
    // Next to this program (the build folder, an install prefix), else on PATH.
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/seekbench-cli");
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("seekbench-cli"));
    return onPath.isEmpty() ? beside : onPath;
}

QString CliClient::exitCodeMeaning(int code)
{
    switch (code) {
    case 0: return tr("done");
    case 2: return tr("bad input, nothing was changed");
    case 3: return tr("runtime failure");
    case 130: return tr("cancelled");
    default: return tr("an exit code seekbench-cli does not document");
    }
}

CliCall *CliClient::run(const QStringList &arguments, QObject *context, std::function<void(const CliResult &)> done,
                        const Options &options)
{
    auto *call = new CliCall(arguments, {options.workingDirectory, options.timeoutMs}, this);
    connect(call, &CliCall::finished, context, [call, done = std::move(done)] { done(call->result()); });
    call->start();
    return call;
}

bool CliClient::startDetached(const QStringList &arguments, const DetachedOptions &options, qint64 *pid, QString *error)
{
    const QString program = executable();
    if (!QFileInfo(program).isExecutable()) {
        if (error)
            *error = tr("seekbench-cli was not found at %1").arg(program);
        return false;
    }
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(options.stdoutFile.isEmpty() ? QProcess::nullDevice() : options.stdoutFile);
    process.setStandardErrorFile(options.stderrFile.isEmpty() ? QProcess::nullDevice() : options.stderrFile);
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    if (!process.startDetached(pid)) {
        if (error)
            *error = tr("cannot start %1: %2").arg(program, process.errorString());
        return false;
    }
    return true;
}

int CliClient::runningCount() const
{
    int n = 0;
    for (const CliCall *call : findChildren<CliCall *>(Qt::FindDirectChildrenOnly))
        n += call->isRunning();
    return n;
}

void CliClient::cancelAll()
{
    for (CliCall *call : findChildren<CliCall *>(Qt::FindDirectChildrenOnly))
        call->cancel();
}

QList<QByteArray> CliClient::replyCandidates(const QByteArray &standardOutput)
{
    QList<QByteArray> out;
    const QByteArray all = standardOutput.trimmed();
    if (all.isEmpty())
        return out;
    out << all;
    const QList<QByteArray> lines = all.split('\n');
    if (lines.size() > 1)
        for (auto it = lines.crbegin(); it != lines.crend(); ++it)
            if (!it->trimmed().isEmpty())
                out << it->trimmed();
    return out;
}

void CliClient::markBadReply(CliResult &result, const QString &why)
{
    result.outcome = CliResult::Outcome::BadReply;
    result.error = why.isEmpty() ? tr("seekbench-cli printed no reply")
                                 : tr("seekbench-cli printed no reply: %1").arg(why);
}

} // namespace seekbench::ui
