#pragma once

#include "common/latest_work.h"
#include "seekbench/kg/graph.h"
#include "seekbench/projects/kg_store.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

// A graph of the project's store, read whole off the GUI thread.
struct KgGraphData
{
    projects::KgGraphRecord record;
    std::shared_ptr<const kg::KnowledgeGraph> graph;
    QString error; // set instead of the rest when the graph cannot be read
};

// Sentences an edge cites, read off the GUI thread for the provenance panel.
struct KgSentencesData
{
    std::int64_t graphId = 0;
    std::vector<std::string> requested;                // the ids asked for, in order
    std::vector<projects::KgSentenceRecord> sentences; // those stored, in that order
    QString error;
};

// Reads graphs and their sentences from the project's store on worker threads. Graphs and
// sentences are separate requests; for each, a newer request supersedes the one in
// flight and only the newest result is delivered.
class KgGraphLoader : public QObject
{
    Q_OBJECT
public:
    explicit KgGraphLoader(std::shared_ptr<const projects::Project> project, QObject *parent = nullptr);
    ~KgGraphLoader() override;

    void loadGraph(std::int64_t graphId);
    void loadSentences(std::int64_t graphId, std::vector<std::string> sentenceIds);
    bool isLoading() const { return m_graphWork.isRunning() || m_sentenceWork.isRunning(); }

    // The work itself, for tests that want it without threads.
    static std::shared_ptr<KgGraphData> readGraph(const projects::Project &project, std::int64_t graphId);
    static std::shared_ptr<KgSentencesData> readSentences(const projects::Project &project, std::int64_t graphId,
                                                          std::vector<std::string> sentenceIds);

Q_SIGNALS:
    void graphLoaded(std::shared_ptr<const seekbench::kg::KnowledgeGraph> graph,
                     const seekbench::projects::KgGraphRecord &record);
    void graphFailed(const QString &message);
    void sentencesLoaded(std::shared_ptr<const seekbench::ui::KgSentencesData> data);
    void sentencesFailed(const QString &message);

private:
    std::shared_ptr<const projects::Project> m_project;
    LatestWork<std::shared_ptr<KgGraphData>> m_graphWork;
    LatestWork<std::shared_ptr<KgSentencesData>> m_sentenceWork;
};

} // namespace seekbench::ui

Q_DECLARE_METATYPE(std::shared_ptr<const seekbench::kg::KnowledgeGraph>)
Q_DECLARE_METATYPE(seekbench::projects::KgGraphRecord)
Q_DECLARE_METATYPE(std::shared_ptr<const seekbench::ui::KgSentencesData>)
