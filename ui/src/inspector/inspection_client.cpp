#include "inspector/inspection_client.h"

#include "common/cli_client.h"
#include "seekbench/inspection/inspection_protocol.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace seekbench::ui {

namespace {} // namespace

struct InspectionClient::Parsed
{
    std::shared_ptr<InspectionReply> reply;
    QString error;
};

namespace {

InspectionClient::Parsed parse(const QByteArray &line)
{
    InspectionClient::Parsed p;
    try {
        p.reply = std::make_shared<InspectionReply>(inspectionReplyFromJson(line.toStdString()));
    } catch (const std::exception &e) {
        p.error = QString::fromUtf8(e.what());
    }
    return p;
}

} // namespace

InspectionClient::InspectionClient(QObject *parent) : QObject(parent) {}

InspectionClient::~InspectionClient() { stop(); }

void InspectionClient::setRun(const QString &runDir, const QString &checkpoint)
{
    if (runDir == m_runDir && checkpoint == m_checkpoint)
        return;
    stop();
    m_runDir = runDir;
    m_checkpoint = checkpoint;
}

void InspectionClient::setCommand(const QString &program, const QStringList &arguments)
{
    stop();
    m_program = program;
    m_arguments = arguments;
    m_customCommand = true;
}

void InspectionClient::ensureStarted()
{
    if (isStarted())
        return;
    delete m_process;
    m_process = new QProcess(this);
    m_ready = m_refused = false;
    m_stderr.clear();
    m_exitMessage.clear();
    QString program = m_program;
    QStringList args = m_arguments;
    if (!m_customCommand) {
        program = CliClient::executable();
        args = {QStringLiteral("inspect"), QStringLiteral("serve"), QStringLiteral("--run"), m_runDir};
        if (!m_checkpoint.isEmpty())
            args << QStringLiteral("--checkpoint") << m_checkpoint;
    }
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] { readLines(); });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr += m_process->readAllStandardError();
        m_stderr = m_stderr.right(4000);
    });
    connect(m_process, &QProcess::finished, this, [this] { processFinished(); });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            Q_EMIT helperFailed(
                tr("The inspection helper %1 could not start: %2").arg(m_process->program(), m_process->errorString()));
    });
    m_process->start(program, args);
}

void InspectionClient::send(const std::string &line)
{
    ensureStarted();
    m_process->write(QByteArray::fromStdString(line + "\n"));
}

qint64 InspectionClient::requestSample(qint64 index)
{
    cancel();
    InspectionRequest r;
    r.id = m_nextId++;
    r.op = "inspect";
    r.sample = index;
    m_pendingSample = r.id;
    send(toJson(r));
    return r.id;
}

qint64 InspectionClient::requestTestSet(int samples, int offset)
{
    InspectionRequest r;
    r.id = m_nextId++;
    r.op = "testset";
    r.samples = samples;
    r.offset = offset;
    m_pendingTestSet = r.id;
    send(toJson(r));
    return r.id;
}

void InspectionClient::cancel()
{
    if (m_pendingSample < 0)
        return;
    if (isStarted()) {
        InspectionRequest r;
        r.id = m_pendingSample;
        r.op = "cancel";
        m_process->write(QByteArray::fromStdString(toJson(r) + "\n"));
    }
    m_pendingSample = -1;
}

void InspectionClient::stop()
{
    m_pendingSample = m_pendingTestSet = -1;
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->write("{\"op\":\"quit\"}\n");
        m_process->closeWriteChannel();
        // The helper exits at end of input; a kill is the fallback, never a wait here.
        QProcess *p = m_process;
        p->setParent(nullptr);
        connect(p, &QProcess::finished, p, &QObject::deleteLater);
        p->kill();
        p->waitForFinished(0);
    } else {
        delete m_process;
    }
    m_process = nullptr;
    m_ready = false;
}

void InspectionClient::readLines()
{
    while (m_process && m_process->canReadLine()) {
        const QByteArray line = m_process->readLine().trimmed();
        if (!line.isEmpty())
            handleLine(line);
    }
}

void InspectionClient::handleLine(const QByteArray &line)
{
    auto *watcher = new QFutureWatcher<Parsed>(this);
    ++m_parsing;
    connect(watcher, &QFutureWatcher<Parsed>::finished, this, [this, watcher] {
        watcher->deleteLater();
        --m_parsing;
        handleReply(watcher->result());
        reportExitIfParsed();
    });
    watcher->setFuture(QtConcurrent::run(parse, line));
}

void InspectionClient::handleReply(const Parsed &p)
{
    if (!p.reply) {
        Q_EMIT helperFailed(tr("The inspection helper sent a bad reply: %1").arg(p.error));
        return;
    }
    const InspectionReply &r = *p.reply;
    if (r.isReady) {
        m_ready = r.ready;
        if (r.ready) {
            Q_EMIT ready(r.step, r.testSamples);
        } else {
            m_refused = true;
            Q_EMIT helperFailed(QString::fromStdString(r.error));
        }
        return;
    }
    if (r.id == m_pendingTestSet) {
        m_pendingTestSet = -1;
        if (r.testSet)
            Q_EMIT testSetReady(std::make_shared<const TestSetSummary>(std::move(*p.reply->testSet)));
        else
            Q_EMIT requestFailed(r.id, QString::fromStdString(r.error));
        return;
    }
    if (r.id != m_pendingSample) {
        ++m_dropped; // stale: the user has moved on
        return;
    }
    m_pendingSample = -1;
    if (r.inspection)
        Q_EMIT inspected(r.id, std::make_shared<const AttentionInspection>(std::move(*p.reply->inspection)));
    else
        Q_EMIT requestFailed(r.id, QString::fromStdString(r.error));
}

void InspectionClient::processFinished()
{
    readLines();
    m_stderr += m_process->readAllStandardError();
    const QString err = QString::fromUtf8(m_stderr).trimmed();
    const int code = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_ready = false;
    const bool pending = m_pendingSample >= 0 || m_pendingTestSet >= 0;
    if (code != 0 || pending)
        m_exitMessage = err.isEmpty() ? tr("The inspection helper stopped (exit code %1)").arg(code)
                                      : tr("The inspection helper stopped: %1").arg(err);
    reportExitIfParsed();
}

// The exit is reported after the replies that came before it, and not at all when the
// helper has already said why it refused the run.
void InspectionClient::reportExitIfParsed()
{
    if (m_parsing > 0 || m_exitMessage.isEmpty())
        return;
    const QString message = std::exchange(m_exitMessage, QString());
    m_pendingSample = m_pendingTestSet = -1;
    if (!m_refused)
        Q_EMIT helperFailed(message);
}

} // namespace seekbench::ui
