#pragma once

#include "common/latest_work.h"
#include "seekbench/plotmath/case_graph_layout.h"
#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/aml_case_store.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// Everything the case view shows, read and laid out off the GUI thread.
struct AmlCaseData
{
    projects::AmlCase report;        // account, alert, reasons, transactions, chains, notes
    projects::AmlEgoNetwork network; // ego network (all time; the slider filters it)
    std::vector<projects::AmlActivityDay> activity;
    plotmath::CaseGraphLayout layout; // of `network`, its nodes and edges in order
    double loadMs = 0, layoutMs = 0;
    QString error; // set instead of the rest when the case cannot open
};

// Opens cases on a worker thread: the store queries and the graph layout. A newer request
// cancels the one in flight (its layout is skipped if not yet started and its result is
// dropped), so clicking through alerts never queues stale work.
class AmlCaseLoader : public QObject
{
    Q_OBJECT
public:
    explicit AmlCaseLoader(std::shared_ptr<const projects::Project> project, QObject *parent = nullptr);
    ~AmlCaseLoader() override;

    void loadAlert(qint64 alertId);
    void loadAccount(const QString &accountName);
    bool isLoading() const { return m_work.isRunning(); }
    // The work itself, for benchmarks and tests that want it without threads.
    static std::shared_ptr<AmlCaseData> load(const projects::Project &project, const projects::AmlCaseRequest &request,
                                             const std::atomic<bool> *cancel = nullptr);

Q_SIGNALS:
    void loaded(std::shared_ptr<seekbench::ui::AmlCaseData> data);
    void failed(const QString &message);

private:
    void start(const projects::AmlCaseRequest &request);

    std::shared_ptr<const projects::Project> m_project;
    LatestWork<std::shared_ptr<AmlCaseData>> m_work;
};

} // namespace seekbench::ui

Q_DECLARE_METATYPE(std::shared_ptr<seekbench::ui::AmlCaseData>)
