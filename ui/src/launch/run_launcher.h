#pragma once

#include "common/run_list.h"
#include "seekbench/config/config_io.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace seekbench::ui {

class CliClient;

// Starts runs as detached `seekbench-cli train --project DIR --config FILE --name N`
// processes (CliClient::startDetached: a child process would die with the GUI). Their
// stdout/stderr go to files under runs/.launching/ until the CLI has created runs/<id>/; then the files are moved
// there (a rename keeps the process writing to them). The new run is found in the store
// by its pid and host.
// Where a run trains: this machine as one process, N data-parallel processes here
// (`seekbench-cli launch --nproc N`), or a Slurm job from a cluster profile (a YAML file
// of sbatch settings, see `seekbench-cli slurm`).
struct LaunchTarget
{
    enum class Kind { Local, LocalRanks, Slurm };
    Kind kind = Kind::Local;
    int processes = 2;      // LocalRanks
    QString clusterProfile; // Slurm: path of the profile
};

class RunLauncher : public QObject
{
    Q_OBJECT
public:
    struct Check
    {
        bool ok = false;
        QStringList problems; // translated, one per issue
        QString configName;
    };

    explicit RunLauncher(const QString &projectDir, QObject *parent = nullptr);

    // The same checks as `seekbench-cli validate`: parse, then validate().
    static Check checkConfig(const QString &path);
    static Check checkText(const QString &yaml);

    // Starts a run, or queues it while the machine's cores are taken (see maxConcurrent);
    // returns false with `error` set when the config is refused, its memory estimate
    // exceeds the free memory, or the process cannot start. A non-empty `parentId`
    // records the new run as a clone of that run.
    bool launch(const QString &configPath, const QString &name, QString *error, const QString &parentId = {},
                const LaunchTarget &target = {});
    // The seekbench-cli arguments that start the run (no shell: each is one argv word).
    static QStringList commandFor(const LaunchTarget &target, const QString &projectDir, const QString &configPath,
                                  const QString &name, const QString &parentId);
    // Cluster profiles saved in the project (clusters/*.yaml), by file path.
    static QStringList clusterProfiles(const QString &projectDir);
    int queuedCount() const { return static_cast<int>(m_queue.size()); }
    // How many runs may train at once on this machine: the setting runs/maxConcurrent,
    // or by default the cores divided by the threads one run uses (at least 1).
    static int maxConcurrent(int threadsPerRun);
    // MemAvailable from /proc/meminfo, in bytes; 0 when unknown.
    static double availableMemoryBytes();
    // Called with each store listing: attaches started processes to their runs and
    // reports processes that died before creating one.
    void onRunsListed(const RunList &runs);
    int pendingCount() const { return static_cast<int>(m_pending.size()); }

Q_SIGNALS:
    void runQueued(const QString &name);
    void runStarted(const QString &runId);
    void launchFailed(const QString &reason);
    // The run was launched without the free-memory check: its config gives no memory
    // estimate (an AML graph model, whose memory grows with the project's data).
    void memoryNotChecked(const QString &name, const QString &why);

private:
    static Check checkLoad(const seekbench::ConfigLoad &load);
    struct Pending
    {
        qint64 pid = 0;
        QString outLog, errLog;
        QString name;
        qint64 startedMs = 0;
        int threads = 0;
    };
    struct Queued
    {
        QString configPath, name, parentId;
        int threads = 0;
        LaunchTarget target;
    };
    bool submitSlurm(const Queued &q, QString *error);
    bool start(const Queued &q, QString *error);
    int runningHere(const RunList &runs) const;

    QString m_projectDir;
    CliClient *m_cli;
    QVector<Pending> m_pending;
    QVector<Queued> m_queue;
    int m_runningHere = 0;
};

} // namespace seekbench::ui
