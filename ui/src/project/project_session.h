#pragma once

#include "project/store_watcher.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// An open project: the Project itself (opened on the GUI thread once, which migrates
// the store and marks dead runs crashed) and the StoreWatcher thread that reads it.
// Closing stops the watcher with the documented protocol (quit, wait).
class ProjectSession : public QObject
{
    Q_OBJECT
public:
    // Opens `dir`; throws ProjectError with a message for the user when it cannot.
    explicit ProjectSession(const QString &dir, QObject *parent = nullptr);
    ~ProjectSession() override;

    QString dir() const { return m_dir; }
    QString name() const;
    const seekbench::projects::Project &project() const { return *m_project; }
    StoreWatcher *watcher() const { return m_watcher; }
    // Runs marked crashed while opening (their process died while nobody watched).
    QStringList crashedAtOpen() const;
    const RunList &runs() const { return m_runs; }
    // Nothing can be written to the project from here (Project::isReadOnly): this user
    // cannot write its folder or store (isWriteProtected), or another process holds its
    // writer lock. Launching, tagging, noting, renaming and deleting are then disabled.
    bool isReadOnly() const;
    bool isWriteProtected() const;

    // Creates a project (blank template) in `dir` and returns it opened.
    static void create(const QString &dir, const QString &name, const QString &description,
                       const QString &scenario = {});

Q_SIGNALS:
    void runsListed(const seekbench::ui::RunList &runs);
    void failed(const QString &message);

private:
    QString m_dir;
    std::shared_ptr<seekbench::projects::Project> m_project;
    QThread m_thread;
    StoreWatcher *m_watcher = nullptr;
    RunList m_runs;
};

} // namespace seekbench::ui
