#pragma once

#include "seekbench/inspection/attention_inspection.h"
#include "seekbench/inspection/test_set_summary.h"

#include <QObject>
#include <QProcess>
#include <QStringList>

#include <memory>

namespace seekbench::ui {

// The GUI's side of `seekbench-cli inspect serve`: the helper process that loads the
// engine (LibTorch and the model) once, so the GUI itself never loads it and never waits
// on it. Started on the first request; requests are written at once and replies arrive
// by signal, parsed off the GUI thread. Only the newest sample request counts: asking for
// another sample, or cancel(), makes the pending one stale, the helper is told to drop
// it, and a reply that still comes for it is discarded, never shown.
class InspectionClient : public QObject
{
    Q_OBJECT
public:
    explicit InspectionClient(QObject *parent = nullptr);
    ~InspectionClient() override;

    // The run to inspect; stops a helper serving another run. Empty checkpoint: the newest.
    void setRun(const QString &runDir, const QString &checkpoint = {});
    // The helper's command line (tests substitute a fake helper). Default:
    // seekbench-cli inspect serve --run DIR [--checkpoint FILE].
    void setCommand(const QString &program, const QStringList &arguments);

    qint64 requestSample(qint64 index); // returns the request id
    qint64 requestTestSet(int samples = 10000, int offset = 0);
    void cancel(); // the pending sample request becomes stale
    void stop();   // ends the helper

    qint64 pendingSample() const { return m_pendingSample; }
    bool isStarted() const { return m_process && m_process->state() != QProcess::NotRunning; }
    bool isReady() const { return m_ready; }
    struct Parsed; // a reply line parsed off the GUI thread
    int droppedReplies() const { return m_dropped; }

Q_SIGNALS:
    void ready(qint64 step, qint64 testSamples);
    void inspected(qint64 id, std::shared_ptr<const seekbench::AttentionInspection> inspection);
    void testSetReady(std::shared_ptr<const seekbench::TestSetSummary> summary);
    void requestFailed(qint64 id, const QString &error);
    // The helper could not start, refused the run, or died; the message names why.
    void helperFailed(const QString &error);

private:
    void ensureStarted();
    void send(const std::string &line);
    void readLines();
    void handleLine(const QByteArray &line);
    void handleReply(const Parsed &parsed);
    void processFinished();
    void reportExitIfParsed();

    QProcess *m_process = nullptr;
    QString m_runDir, m_checkpoint, m_program;
    QStringList m_arguments;
    bool m_customCommand = false, m_ready = false, m_refused = false;
    qint64 m_nextId = 1, m_pendingSample = -1, m_pendingTestSet = -1;
    int m_dropped = 0, m_parsing = 0;
    QByteArray m_stderr;
    QString m_exitMessage;
};

} // namespace seekbench::ui
