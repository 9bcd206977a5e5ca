#pragma once

// The knowledge graph window's "Document" tab: the evidence sentence behind the edge the
// user inspects, drawn with its entities and relations (the edge's relation emphasised),
// then the other stored sentences of the same document, so that the sentence is read in
// its context. Sentences are read off the GUI thread; the newest request wins.

#include "common/latest_work.h"
#include "kg/kg_graph_loader.h"

#include <QWidget>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class QLabel;
class QStackedWidget;
class QVBoxLayout;

namespace seekbench::ui {

class AnnotatedSentenceView;
class EmptyState;

class KgDocumentView : public QWidget
{
    Q_OBJECT
public:
    // Sentence ids are "<document id>:<index>": the document's other sentences are looked
    // for among its first kDocumentSentences indices.
    static constexpr int kDocumentSentences = 60;

    explicit KgDocumentView(std::shared_ptr<const projects::Project> project, QWidget *parent = nullptr);

    void setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph, std::int64_t graphId);
    // Shows the most confident supporting sentence of `edge` (the first evidence when none
    // supports it) in its document.
    void showEdge(int edge);
    void clear();
    bool isLoading() const { return m_work.isRunning(); }
    QString sentenceId() const { return QString::fromStdString(m_sentenceId); }
    AnnotatedSentenceView *sentenceView() const { return m_sentence; }
    int contextSentences() const { return m_contextCount; }
    void retranslate();

Q_SIGNALS:
    void shown(); // the sentences are drawn (or their error is)

private:
    void showData(const std::shared_ptr<KgSentencesData> &data);
    void showEmpty();

    std::shared_ptr<const projects::Project> m_project;
    std::shared_ptr<const kg::KnowledgeGraph> m_graph;
    std::int64_t m_graphId = 0;
    int m_edge = -1;
    std::string m_sentenceId, m_documentId;
    int m_contextCount = 0;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QLabel *m_title, *m_note, *m_contextTitle;
    AnnotatedSentenceView *m_sentence;
    QWidget *m_context;
    QVBoxLayout *m_contextLayout;
    LatestWork<std::shared_ptr<KgSentencesData>> m_work;
};

} // namespace seekbench::ui
