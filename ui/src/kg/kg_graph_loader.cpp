#include "kg/kg_graph_loader.h"

#include "seekbench/projects/project.h"

namespace seekbench::ui {

namespace {

QString projectName(const projects::Project &project) { return QString::fromStdString(project.dir().string()); }

} // namespace

KgGraphLoader::KgGraphLoader(std::shared_ptr<const projects::Project> project, QObject *parent)
    : QObject(parent), m_project(std::move(project)), m_graphWork(this,
                                                                  [this](std::shared_ptr<KgGraphData> data) {
                                                                      if (!data)
                                                                          return;
                                                                      if (!data->error.isEmpty())
                                                                          Q_EMIT graphFailed(data->error);
                                                                      else
                                                                          Q_EMIT graphLoaded(data->graph, data->record);
                                                                  }),
      m_sentenceWork(this, [this](std::shared_ptr<KgSentencesData> data) {
          if (!data)
              return;
          if (!data->error.isEmpty())
              Q_EMIT sentencesFailed(data->error);
          else
              Q_EMIT sentencesLoaded(data);
      })
{
    qRegisterMetaType<std::shared_ptr<const kg::KnowledgeGraph>>();
    qRegisterMetaType<projects::KgGraphRecord>();
    qRegisterMetaType<std::shared_ptr<const KgSentencesData>>();
}

KgGraphLoader::~KgGraphLoader() = default;

void KgGraphLoader::loadGraph(std::int64_t graphId)
{
    m_graphWork.start(
        [project = m_project, graphId](const std::atomic<bool> *) { return readGraph(*project, graphId); });
}

void KgGraphLoader::loadSentences(std::int64_t graphId, std::vector<std::string> sentenceIds)
{
    m_sentenceWork.start([project = m_project, graphId, ids = std::move(sentenceIds)](const std::atomic<bool> *) {
        return readSentences(*project, graphId, ids);
    });
}

std::shared_ptr<KgGraphData> KgGraphLoader::readGraph(const projects::Project &project, std::int64_t graphId)
{
    auto data = std::make_shared<KgGraphData>();
    try {
        projects::KgStore store(project, true);
        const auto record = store.graph(graphId);
        if (!record) {
            data->error = tr("Project %1 has no knowledge graph %2.").arg(projectName(project)).arg(graphId);
            return data;
        }
        data->record = *record;
        data->graph = std::make_shared<const kg::KnowledgeGraph>(store.loadGraph(graphId));
    } catch (const std::exception &e) {
        data->error = tr("Cannot read knowledge graph %1 of project %2: %3")
                          .arg(graphId)
                          .arg(projectName(project), QString::fromUtf8(e.what()));
    }
    return data;
}

std::shared_ptr<KgSentencesData> KgGraphLoader::readSentences(const projects::Project &project, std::int64_t graphId,
                                                              std::vector<std::string> sentenceIds)
{
    auto data = std::make_shared<KgSentencesData>();
    data->graphId = graphId;
    data->requested = std::move(sentenceIds);
    try {
        projects::KgStore store(project, true);
        data->sentences = store.sentences(graphId, data->requested);
    } catch (const std::exception &e) {
        data->error = tr("Cannot read the sentences of knowledge graph %1 of project %2: %3")
                          .arg(graphId)
                          .arg(projectName(project), QString::fromUtf8(e.what()));
    }
    return data;
}

} // namespace seekbench::ui
