#pragma once

// One piece of background work at a time where only the newest request matters (opening a
// case, a machine, a run): start() cancels the job in flight (its cancel flag is set; a job
// that reads it stops early), and the newest job starts as soon as the running one has
// ended. Only the newest job's result reaches `done`, on the owner's thread; a superseded
// job's result is dropped. The destructor cancels and waits, so no job outlives its owner.

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace seekbench::ui {

template<typename Result>
class LatestWork
{
public:
    using Job = std::function<Result(const std::atomic<bool> *cancel)>;

    LatestWork(QObject *owner, std::function<void(Result)> done)
    {
        QObject::connect(&m_watcher, &QFutureWatcher<Result>::finished, owner, [this, done = std::move(done)] {
            if (m_pending) { // superseded while it ran: start the newest
                Job next = std::move(*m_pending);
                m_pending.reset();
                launch(std::move(next));
                return;
            }
            done(m_watcher.result());
        });
    }
    ~LatestWork()
    {
        if (m_cancel)
            m_cancel->store(true);
        m_watcher.waitForFinished();
    }
    LatestWork(const LatestWork &) = delete;
    LatestWork &operator=(const LatestWork &) = delete;

    void start(Job job)
    {
        if (m_cancel)
            m_cancel->store(true);
        if (m_watcher.isRunning()) {
            m_pending = std::move(job);
            return;
        }
        launch(std::move(job));
    }
    bool isRunning() const { return m_watcher.isRunning() || m_pending.has_value(); }

private:
    void launch(Job job)
    {
        m_cancel = std::make_shared<std::atomic<bool>>(false);
        auto cancel = m_cancel;
        m_watcher.setFuture(QtConcurrent::run([job = std::move(job), cancel] { return job(cancel.get()); }));
    }

    QFutureWatcher<Result> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::optional<Job> m_pending;
};

} // namespace seekbench::ui
