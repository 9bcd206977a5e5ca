// RunControl: the one liveness rule for a run's writer, stopping a run, resuming it
// detached, and startDetached (the daemoniser).

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QProcess>
#include <QtTest>

#include <chrono>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(seekbench::projects::WriterState)

namespace {

constexpr double kNow = 1'800'000'000.0;

// A child of the test that runs until it is told to stop; SIGTERM ends it cleanly.
std::unique_ptr<QProcess> startTrapChild()
{
    auto p = std::make_unique<QProcess>();
    p->start(QStringLiteral("/bin/sh"),
             {QStringLiteral("-c"), QStringLiteral("trap 'exit 0' TERM; while :; do sleep 0.1; done")});
    if (!p->waitForStarted())
        return nullptr;
    return p;
}

std::int64_t exitedPid()
{
    QProcess p;
    p.start(QStringLiteral("/bin/sleep"), {QStringLiteral("0.05")});
    if (!p.waitForStarted())
        return 0;
    const std::int64_t pid = p.processId();
    p.waitForFinished(); // reaped: the pid names no process now
    return pid;
}

bool waitFor(const std::function<bool()> &condition, int ms = 10000)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::string runWith(RunStore &store, const ProcessIdentity &writer, RunStatus status = RunStatus::Running)
{
    NewRun n;
    n.name = "r";
    n.status = status;
    n.process = writer;
    return store.createRun(n);
}

} // namespace

class TestRunControl : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<QProcess> m_child; // alive for the whole test

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_child = startTrapChild();
        QVERIFY(m_child);
    }

    void cleanupTestCase()
    {
        m_child->kill();
        m_child->waitForFinished();
    }

    void liveness_data()
    {
        QTest::addColumn<QString>("writer");
        QTest::addColumn<double>("heartbeatAge"); // seconds before kNow; < 0: no heartbeat yet
        QTest::addColumn<double>("createdAge");
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<WriterState>("expected");
        QTest::newRow("live child here") << "child" << 1.0 << 60.0 << "" << WriterState::Alive;
        // Here the process answers, however old the heartbeat.
        QTest::newRow("live child, old heartbeat") << "child" << 3600.0 << 3600.0 << "" << WriterState::Alive;
        QTest::newRow("exited pid") << "exited" << 1.0 << 60.0 << "" << WriterState::Gone;
        QTest::newRow("pid reused") << "reused" << 1.0 << 60.0 << "" << WriterState::Gone;
        QTest::newRow("other host, fresh") << "remote" << 14.0 << 60.0 << "" << WriterState::Remote;
        QTest::newRow("other host, stale") << "remote" << 16.0 << 60.0 << "" << WriterState::Gone;
        QTest::newRow("other host, no heartbeat, new") << "remote" << -1.0 << 2.0 << "" << WriterState::Remote;
        QTest::newRow("other host, no heartbeat, old") << "remote" << -1.0 << 100.0 << "" << WriterState::Gone;
        QTest::newRow("slurm job") << "exited" << 3600.0 << 3600.0 << "4242" << WriterState::Scheduled;
    }

    void liveness()
    {
        QFETCH(QString, writer);
        QFETCH(double, heartbeatAge);
        QFETCH(double, createdAge);
        QFETCH(QString, jobId);
        QFETCH(WriterState, expected);
        RunRecord r;
        r.status = RunStatus::Running;
        r.heartbeatInterval = 5; // stale after 15 s
        r.createdAt = kNow - createdAge;
        if (heartbeatAge >= 0)
            r.heartbeatAt = kNow - heartbeatAge;
        r.jobId = jobId.toStdString();
        r.host = ProcessIdentity::hostName();
        const std::int64_t child = m_child->processId();
        if (writer == QLatin1String("child")) {
            r.pid = child;
            r.pidStart = ProcessIdentity::startTimeOf(child);
        } else if (writer == QLatin1String("exited")) {
            r.pid = exitedPid();
            r.pidStart = 12345;
        } else if (writer == QLatin1String("reused")) {
            r.pid = child;
            r.pidStart = ProcessIdentity::startTimeOf(child) + 1;
        } else {
            r.host = "some-other-node";
            r.pid = child; // a pid that is alive here means nothing for another host
            r.pidStart = ProcessIdentity::startTimeOf(child);
        }
        QVERIFY(r.pid > 0);
        QCOMPARE(toString(RunControl::writerState(r, kNow)),
                 toString(expected)); // words: QTest would free toString's static text
    }

    void isLive()
    {
        RunRecord r;
        r.host = ProcessIdentity::hostName();
        r.pid = m_child->processId();
        r.pidStart = ProcessIdentity::startTimeOf(r.pid);
        r.status = RunStatus::Running;
        QVERIFY(RunControl::isLive(r));
        r.status = RunStatus::Finished; // ended: its process does not matter
        QVERIFY(!RunControl::isLive(r));
        r.status = RunStatus::Queued; // a clone waiting to start: no process yet
        QVERIFY(!RunControl::isLive(r));
        r.jobId = "77"; // queued in Slurm
        QVERIFY(RunControl::isLive(r));
        r.jobId.clear();
        r.status = RunStatus::Running;
        r.pidStart += 1; // the pid names another process now
        QVERIFY(!RunControl::isLive(r));
    }

    void stopSignalsLiveWriter()
    {
        auto p = makeProject(tempPath(m_tmp, "stop"));
        RunStore store(p);
        auto child = startTrapChild();
        QVERIFY(child);
        const std::int64_t pid = child->processId();
        const std::string id = runWith(store, {ProcessIdentity::hostName(), pid, ProcessIdentity::startTimeOf(pid)});
        const auto out = RunControl(p).stop(id, 10);
        QCOMPARE(out.signalled, pid);
        QVERIFY(out.stopped);
        QVERIFY(out.scancelJob.empty());
        QVERIFY(child->waitForFinished(5000));
        QCOMPARE(child->exitStatus(), QProcess::NormalExit); // its TERM trap ran: it was SIGTERM
        QCOMPARE(child->exitCode(), 0);
    }

    void stopRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<QString>("problem");
        QTest::newRow("finished") << "finished" << int(ProjectError::Kind::BadInput)
                                  << "is not running (status finished)";
        QTest::newRow("queued") << "queued" << int(ProjectError::Kind::BadInput) << "is not running (status queued)";
        QTest::newRow("other host") << "remote" << int(ProjectError::Kind::BadInput) << "runs on host some-other-node";
        QTest::newRow("pid gone") << "gone" << int(ProjectError::Kind::Process)
                                  << ") is gone; the run is now marked crashed";
        QTest::newRow("pid reused") << "reused" << int(ProjectError::Kind::Process) << ") is gone";
    }

    void stopRefused()
    {
        QFETCH(QString, kind);
        QFETCH(int, errorKind);
        QFETCH(QString, problem);
        auto p = makeProject(tempPath(m_tmp, ("refuse-" + kind.toStdString()).c_str()));
        RunStore store(p);
        const std::int64_t child = m_child->processId();
        const std::string here = ProcessIdentity::hostName();
        std::string id;
        if (kind == QLatin1String("finished"))
            id = runWith(store, {here, child, ProcessIdentity::startTimeOf(child)}, RunStatus::Finished);
        else if (kind == QLatin1String("queued"))
            id = runWith(store, {here, child, ProcessIdentity::startTimeOf(child)}, RunStatus::Queued);
        else if (kind == QLatin1String("remote"))
            id = runWith(store, {"some-other-node", child, 1});
        else if (kind == QLatin1String("gone"))
            id = runWith(store, {here, exitedPid(), 12345});
        else
            id = runWith(store, {here, child, ProcessIdentity::startTimeOf(child) + 1});
        try {
            RunControl(p).stop(id, 1);
            QFAIL("stopped");
        } catch (const ProjectError &e) {
            QCOMPARE(int(e.kind()), errorKind);
            QVERIFY2(QString::fromStdString(e.what()).contains(problem), e.what());
        }
        // Whatever was refused, the live child was never signalled.
        QCOMPARE(m_child->state(), QProcess::Running);
    }

    void startDetachedSurvivesParent()
    {
        const fs::path dir = tempPath(m_tmp, "detached");
        fs::create_directories(dir);
        const fs::path args = dir / "args.txt";
        const std::int64_t pid
            = startDetached({"/bin/sh", "-c",
                             "echo started; sleep 0.3; printf '%s\\n' \"$@\" > \"$0.tmp\" && mv \"$0.tmp\" \"$0\"",
                             args.string(), "one", "two words"},
                            dir / "out.log", dir / "err.log");
        QVERIFY(pid > 0);
        // A new session (no terminal of ours), led by the intermediate child, so it can never
        // acquire a terminal again; and not our child: it outlives this process.
        QVERIFY(::getsid(pid_t(pid)) != ::getsid(0));
        QVERIFY(::getsid(pid_t(pid)) != pid_t(pid));
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        std::getline(stat, line);
        std::istringstream fields(line.substr(line.rfind(')') + 2));
        std::string state;
        std::int64_t ppid = 0;
        fields >> state >> ppid;
        QVERIFY(ppid != ::getpid());
        QVERIFY(waitFor([&] { return fs::exists(args); }));
        QCOMPARE(readFile(args), std::string("one\ntwo words\n"));
        QCOMPARE(readFile(dir / "out.log"), std::string("started\n"));
    }

    // A sweep gives each trial its share of the cores through the child's environment,
    // without changing its own (the next trial, or a thread of the GUI, would inherit it).
    void startDetachedSetsTheChildsEnvironmentOnly()
    {
        const fs::path dir = tempPath(m_tmp, "detached-env");
        fs::create_directories(dir);
        const fs::path seen = dir / "seen.txt";
        ::setenv("SEEKBENCH_TEST_KEPT", "kept", 1);
        ::setenv("SEEKBENCH_TEST_REPLACED", "old", 1);
        const std::int64_t pid = startDetached(
            {"/bin/sh", "-c",
             "echo \"$SEEKBENCH_TEST_KEPT $SEEKBENCH_TEST_REPLACED $SEEKBENCH_TEST_NEW\" > \"$0.tmp\" && mv \"$0.tmp\" \"$0\"",
             seen.string()},
            dir / "out.log", dir / "err.log", {{"SEEKBENCH_TEST_REPLACED", "new"}, {"SEEKBENCH_TEST_NEW", "2"}});
        QVERIFY(pid > 0);
        QVERIFY(waitFor([&] { return fs::exists(seen); }));
        QCOMPARE(readFile(seen), std::string("kept new 2\n"));
        QCOMPARE(std::string(std::getenv("SEEKBENCH_TEST_REPLACED")), std::string("old"));
        QVERIFY(std::getenv("SEEKBENCH_TEST_NEW") == nullptr);
        ::unsetenv("SEEKBENCH_TEST_KEPT");
        ::unsetenv("SEEKBENCH_TEST_REPLACED");
    }

    void startDetachedReportsExecFailure()
    {
        const fs::path dir = tempPath(m_tmp, "nosuch");
        fs::create_directories(dir);
        try {
            startDetached({"/nonexistent/seekbench-cli"}, dir / "o.log", dir / "e.log");
            QFAIL("started a program that does not exist");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::Process);
            QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("No such file")), e.what());
        }
    }

    void resumeStartsDetachedTrain()
    {
        const fs::path dir = tempPath(m_tmp, "resume");
        auto p = makeProject(dir);
        RunStore store(p);
        const std::string id = runWith(store, {ProcessIdentity::hostName(), exitedPid(), 1}, RunStatus::Failed);
        // A stand-in for seekbench-cli that records its arguments.
        const fs::path cli = dir / "fake-cli";
        const fs::path args = dir / "resume-args.txt";
        writeFile(cli, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args.string() + ".tmp'\nmv '" + args.string()
                           + ".tmp' '" + args.string() + "'\necho resumed\n");
        ::chmod(cli.c_str(), 0755);
        const auto start = RunControl(p).resume(id, cli);
        QVERIFY(start.pid > 0);
        QCOMPARE(start.stdoutLog, p.layout().resumeOutLog(id));
        QCOMPARE(start.stderrLog, p.layout().resumeErrLog(id));
        QVERIFY(waitFor([&] { return fs::exists(args); }));
        QCOMPARE(readFile(args), "train\n--project\n" + p.dir().string() + "\n--resume\n" + id + "\n");
        QVERIFY(waitFor([&] { return readFile(start.stdoutLog) == "resumed\n"; }));
    }

    void resumeRefusesLiveRun()
    {
        auto p = makeProject(tempPath(m_tmp, "resume-live"));
        RunStore store(p);
        const std::int64_t child = m_child->processId();
        const std::string id = runWith(store, {ProcessIdentity::hostName(), child, ProcessIdentity::startTimeOf(child)});
        try {
            RunControl(p).resume(id, "/bin/true");
            QFAIL("resumed a live run");
        } catch (const ProjectError &e) {
            QCOMPARE(e.kind(), ProjectError::Kind::BadInput);
            QVERIFY2(QString::fromStdString(e.what()).contains(
                         QStringLiteral("is still running (pid %1 on ").arg(child)),
                     e.what());
        }
        QVERIFY(!fs::exists(p.layout().resumeOutLog(id)));
    }
};

QTEST_GUILESS_MAIN(TestRunControl)
#include "test_run_control.moc"
