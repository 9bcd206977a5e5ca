#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

class QProcess;

namespace seekbench::ui {

// What one seekbench-cli verb came to: its exit code, its output, and, when it failed, one
// translated line that says why (the exit code's meaning from the CLI's table and the last
// line of its stderr, which is the CLI's one error line).
struct CliResult
{
    enum class Outcome {
        Ok,            // exit code 0 (and, for a typed call, a reply that parses)
        NotFound,      // no executable seekbench-cli at CliClient::executable()
        FailedToStart, // the process could not be started
        Failed,        // it exited with a non-zero code
        Crashed,       // it died of a signal
        TimedOut,      // it ran past the call's timeout and was stopped
        Cancelled,     // cancel() stopped it
        BadReply,      // exit code 0, but stdout held no reply of the expected type
    };
    Outcome outcome = Outcome::Ok;
    int exitCode = -1; // the CLI's exit code; -1 when it did not exit by itself
    QByteArray standardOutput;
    QString standardError;
    QString error; // translated; empty when ok()

    bool ok() const { return outcome == Outcome::Ok; }
    // The last non-empty line of stderr (the CLI prints "seekbench-cli <verb>: <message>").
    QString lastErrorLine() const;
};

// A result with the typed reply (seekbench/replies/) read from stdout. The reply is there
// whenever stdout holds one, also after a failure exit (runs stop exits 3 with its reply
// when the run is still stopping).
template<typename Reply>
struct CliReply : CliResult
{
    std::optional<Reply> reply;
};

// One running verb. It belongs to its CliClient and deletes itself after finished().
class CliCall : public QObject
{
    Q_OBJECT
public:
    ~CliCall() override;
    QStringList arguments() const { return m_arguments; }
    bool isRunning() const { return !m_done; }
    const CliResult &result() const { return m_result; }
    // Ends the verb: SIGTERM (the CLI exits 130), SIGKILL when it is still there after 3 s.
    // finished() follows with Outcome::Cancelled.
    void cancel();

Q_SIGNALS:
    void finished();

private:
    friend class CliClient;
    struct Setup
    {
        QString workingDirectory;
        int timeoutMs = 0;
    };
    CliCall(const QStringList &arguments, const Setup &setup, QObject *parent);
    void start();
    void stopProcess();
    void processFinished();
    void complete(CliResult::Outcome outcome, const QString &error);

    QStringList m_arguments;
    Setup m_setup;
    QProcess *m_process = nullptr;
    QTimer m_timeout, m_kill;
    CliResult m_result;
    bool m_done = false, m_cancelled = false, m_timedOut = false;
};

struct CliOptions
{
    QString workingDirectory;
    int timeoutMs = 60000; // 0: none
};

// Where a detached verb's stdio goes (stdin is always /dev/null).
struct CliDetachedOptions
{
    QString workingDirectory;
    QString stdoutFile, stderrFile; // empty: discarded
};

// The one way the GUI runs seekbench-cli: knows where it is, runs a verb without blocking
// the GUI thread (with a timeout, cancellable), and hands back the verb's typed reply or a
// clear error. Long-lived protocol sessions (`inspect serve`) keep their own QProcess and
// take only executable() from here.
class CliClient : public QObject
{
    Q_OBJECT
public:
    using Options = CliOptions;
    using DetachedOptions = CliDetachedOptions;

    explicit CliClient(QObject *parent = nullptr);
    ~CliClient() override;

    // SEEKBENCH_CLI from the environment, else seekbench-cli next to this executable, else
    // the one on PATH.
    static QString executable();
    // The CLI's exit-code table (seekbench-cli --help), translated: 2 bad input, 3 runtime
    // failure, 130 cancelled.
    static QString exitCodeMeaning(int code);

    // Starts `seekbench-cli arguments` and returns at once. `done` runs once, on `context`'s
    // thread, with the result, unless `context` is gone by then. A missing executable is
    // reported through `done` too (never synchronously).
    CliCall *run(const QStringList &arguments, QObject *context, std::function<void(const CliResult &)> done,
                 const Options &options = {});
    // The same, with stdout read as Reply (Reply::fromJson(std::string), throwing
    // std::invalid_argument on a malformed document).
    template<typename Reply>
    CliCall *run(const QStringList &arguments, QObject *context, std::function<void(const CliReply<Reply> &)> done,
                 const Options &options = {})
    {
        return run(
            arguments, context, [done = std::move(done)](const CliResult &result) { done(readReply<Reply>(result)); },
            options);
    }
    // Starts the verb as a process of its own that outlives the GUI (a training run, a
    // Slurm follower). False with `error` (translated) set when it cannot start.
    static bool startDetached(const QStringList &arguments, const DetachedOptions &options, qint64 *pid, QString *error);

    // The verbs still running.
    int runningCount() const;
    // Cancels every running verb.
    void cancelAll();

    template<typename Reply>
    static CliReply<Reply> readReply(const CliResult &result)
    {
        CliReply<Reply> out;
        static_cast<CliResult &>(out) = result;
        QString why;
        for (const QByteArray &candidate : replyCandidates(result.standardOutput)) {
            try {
                out.reply = Reply::fromJson(candidate.toStdString());
                return out;
            } catch (const std::invalid_argument &e) {
                if (why.isEmpty())
                    why = QString::fromUtf8(e.what());
            }
        }
        if (out.ok())
            markBadReply(out, why);
        return out;
    }

private:
    // The whole of stdout, then each non-empty line from the last up: a verb prints one
    // JSON document, but some print progress lines before it.
    static QList<QByteArray> replyCandidates(const QByteArray &standardOutput);
    static void markBadReply(CliResult &result, const QString &why);
};

} // namespace seekbench::ui
