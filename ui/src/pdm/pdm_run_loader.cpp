#include "pdm/pdm_run_loader.h"

#include "pdm/fleet_health_model.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace seekbench::ui {

PdmRunLoader::PdmRunLoader(std::shared_ptr<const projects::Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project)), m_work(this, [this](std::shared_ptr<PdmRunData> data) {
          if (!data->error.isEmpty())
              Q_EMIT failed(data->runId, data->error);
          else
              Q_EMIT loaded(data);
      })
{
    connect(&m_lister, &QFutureWatcher<Listing>::finished, this, [this] {
        const Listing l = m_lister.result();
        Q_EMIT runsListed(l.runs, l.error);
    });
}

PdmRunLoader::~PdmRunLoader() { m_lister.waitForFinished(); }

void PdmRunLoader::load(const QString &runId)
{
    m_work.start([project = m_project, runId](const std::atomic<bool> *) { return read(*project, runId); });
}

void PdmRunLoader::listRuns()
{
    if (m_lister.isRunning())
        return; // the one running lists the runs as they are now
    auto project = m_project;
    m_lister.setFuture(QtConcurrent::run([project] {
        Listing l;
        l.runs = runs(*project, &l.error);
        return l;
    }));
}

std::shared_ptr<PdmRunData> PdmRunLoader::read(const projects::Project &project, const QString &runId)
{
    QElapsedTimer timer;
    timer.start();
    auto data = std::make_shared<PdmRunData>();
    data->runId = runId;
    try {
        projects::PdmResultStore store(project, true);
        const auto run = store.run(runId.toStdString());
        if (!run) {
            data->error = tr("Run %1 has no predictive maintenance results.").arg(runId);
            return data;
        }
        data->run = *run;
        data->machines = store.machines(run->runId);
        data->alerts = store.alerts(run->runId);
    } catch (const std::exception &e) {
        data->error = tr("Cannot read run %1: %2").arg(runId, QString::fromUtf8(e.what()));
        return data;
    }
    // The run's name is a nicety: a run made outside the run store (a fixture, an import)
    // has none and shows its id.
    try {
        projects::RunStore runs(project);
        if (const auto r = runs.findRun(runId.toStdString()))
            data->runName = QString::fromStdString(r->name);
    } catch (const std::exception &) {
    }
    QString problem;
    data->fleet = FleetHealthModel::buildRows(data->run, data->machines, &problem);
    if (!data->fleet)
        data->error = problem;
    data->loadMs = timer.nsecsElapsed() / 1e6;
    return data;
}

QVector<PdmRunChoice> PdmRunLoader::runs(const projects::Project &project, QString *error)
{
    QVector<PdmRunChoice> out;
    try {
        projects::PdmResultStore store(project, true);
        for (const auto &r : store.runs())
            out.push_back({QString::fromStdString(r.runId), {}, QString::fromStdString(r.fleet), r.createdAt});
    } catch (const std::exception &e) {
        if (error)
            *error = tr("Cannot list the predictive maintenance runs: %1").arg(QString::fromUtf8(e.what()));
        return out;
    }
    try {
        projects::RunStore runStore(project);
        for (auto &c : out)
            if (const auto r = runStore.findRun(c.runId.toStdString()))
                c.name = QString::fromStdString(r->name);
    } catch (const std::exception &) {
    }
    return out;
}

} // namespace seekbench::ui
