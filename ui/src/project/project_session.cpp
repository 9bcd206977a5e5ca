#include "project/project_session.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_manifest.h"

namespace seekbench::ui {

using namespace seekbench::projects;

namespace {
constexpr int kPollMs = 400; // the store's writers commit every 250 ms
}

ProjectSession::ProjectSession(const QString &dir, QObject *parent) : QObject(parent), m_dir(dir)
{
    m_project = std::make_shared<Project>(Project::open(dir.toStdString()));
    qRegisterMetaType<RunList>();
    qRegisterMetaType<QVector<widgets::PlotSeries>>();
    m_watcher = new StoreWatcher(m_project);
    m_watcher->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(m_watcher, &StoreWatcher::runsListed, this, [this](const RunList &runs) {
        m_runs = runs;
        Q_EMIT runsListed(runs);
    });
    connect(m_watcher, &StoreWatcher::failed, this, [this](const QString &message) {
        qWarning("seekbench: reading the store of %s failed: %s", qUtf8Printable(m_dir), qUtf8Printable(message));
        Q_EMIT failed(message);
    });
    m_thread.setObjectName(QStringLiteral("StoreWatcher"));
    m_thread.start();
    QMetaObject::invokeMethod(m_watcher, "start", Qt::QueuedConnection, Q_ARG(int, kPollMs));
}

ProjectSession::~ProjectSession()
{
    QMetaObject::invokeMethod(m_watcher, "stop", Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString ProjectSession::name() const
{
    const QString n = QString::fromStdString(m_project->manifest().name);
    return n.isEmpty() ? QString::fromStdString(m_project->dir().filename().string()) : n;
}

bool ProjectSession::isReadOnly() const { return m_project->isReadOnly(); }

bool ProjectSession::isWriteProtected() const { return m_project->isWriteProtected(); }

QStringList ProjectSession::crashedAtOpen() const
{
    QStringList out;
    for (const auto &id : m_project->staleRunsMarked())
        out << QString::fromStdString(id);
    return out;
}

void ProjectSession::create(const QString &dir, const QString &name, const QString &description, const QString &scenario)
{
    ProjectManifest manifest;
    manifest.scenario = scenario.toStdString();
    manifest.name = name.toStdString();
    manifest.description = description.toStdString();
    Project::create(dir.toStdString(), manifest);
}

} // namespace seekbench::ui
