#pragma once

#include "common/latest_work.h"
#include "seekbench/projects/pdm_results.h"

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

struct FleetRows;

// A run with PdM results, for the run picker.
struct PdmRunChoice
{
    QString runId;
    QString name; // the run store's name; empty when the run has no row there
    QString fleet;
    double createdAt = 0;
};

// What the PdM window shows of a run, read (and the fleet table built) off the GUI thread.
struct PdmRunData
{
    QString runId, runName;
    projects::PdmRunRecord run;
    std::vector<pdm::MachineHealth> machines;
    std::vector<pdm::AlertRecord> alerts; // every split, by time
    std::shared_ptr<const FleetRows> fleet;
    double loadMs = 0;
    QString error; // set instead of the rest when the run cannot be read; names the problem
};

// Reads a run's results on a worker thread, one read-only store connection per load. A
// newer request supersedes the one in flight (its result is dropped), so picking runs
// quickly never shows a stale one. Also lists the runs with results.
class PdmRunLoader : public QObject
{
    Q_OBJECT
public:
    explicit PdmRunLoader(std::shared_ptr<const projects::Project> project, QObject *parent = nullptr);
    ~PdmRunLoader() override;

    void load(const QString &runId);
    void listRuns();
    bool isLoading() const { return m_work.isRunning(); }
    bool isListing() const { return m_lister.isRunning(); }

    // The work itself, for benchmarks and tests that want it without threads.
    static std::shared_ptr<PdmRunData> read(const projects::Project &project, const QString &runId);
    // Newest first; `error` says why when the store cannot be read.
    static QVector<PdmRunChoice> runs(const projects::Project &project, QString *error);

Q_SIGNALS:
    void loaded(std::shared_ptr<const seekbench::ui::PdmRunData> data);
    void failed(const QString &runId, const QString &message);
    void runsListed(const QVector<seekbench::ui::PdmRunChoice> &runs, const QString &error);

private:
    struct Listing
    {
        QVector<PdmRunChoice> runs;
        QString error;
    };

    std::shared_ptr<const projects::Project> m_project;
    LatestWork<std::shared_ptr<PdmRunData>> m_work;
    QFutureWatcher<Listing> m_lister;
};

} // namespace seekbench::ui

Q_DECLARE_METATYPE(std::shared_ptr<const seekbench::ui::PdmRunData>)
Q_DECLARE_METATYPE(seekbench::ui::PdmRunChoice)
