#pragma once

// Why the graph holds what it holds. For a selected edge: the relation, its confidence and
// support, a "contradicted: review" badge naming the other edge of the contradiction, and
// each evidence sentence drawn with its entities and relations (AnnotatedSentenceView,
// this edge's relation emphasised). For a selected node: its type, name, the forms seen in
// the text, mentions, the candidate flag, and its edges grouped by relation.

#include "kg/kg_graph_loader.h"

#include <QWidget>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTreeWidget;
class QVBoxLayout;

namespace seekbench::ui {

class EmptyState;

class ProvenancePanel : public QWidget
{
    Q_OBJECT
public:
    // The most evidence sentences shown for one edge (the most confident first; the rest
    // are counted, not hidden silently).
    static constexpr int kMaxSentences = 50;

    // Sentences come through `loader` (not owned; it must outlive the panel).
    explicit ProvenancePanel(KgGraphLoader *loader, QWidget *parent = nullptr);

    void setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph, std::int64_t graphId);
    void showEdge(int edge);
    void showNode(int node);
    void clearSelection();
    int currentEdge() const { return m_edge; }
    int currentNode() const { return m_node; }

    // The edge contradicting `edge` (TREATS against CONTRAINDICATED_FOR for the same drug
    // and disease), or -1.
    static int contradictingEdge(const kg::KnowledgeGraph &graph, int edge);

Q_SIGNALS:
    // The user followed an edge from the panel (the contradiction, a node's edge); the
    // panel shows it already, the explorer may select it.
    void edgeChosen(int edge);
    // The evidence sentences of the current edge are drawn (or failed to load).
    void sentencesShown();

private:
    void showEmpty(const QString &title, const QString &text);
    void clearSentences();
    void onSentences(const std::shared_ptr<const KgSentencesData> &data);
    void onSentencesFailed(const QString &message);
    QString nodeName(int node) const;

    KgGraphLoader *m_loader;
    std::shared_ptr<const kg::KnowledgeGraph> m_graph;
    std::int64_t m_graphId = 0;
    int m_edge = -1, m_node = -1;
    std::vector<kg::EdgeEvidence> m_shownEvidence; // the current edge's, in the order shown
    std::vector<std::string> m_requested;
    QString m_noteBase; // what the sentence note says once the sentences are in

    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QScrollArea *m_scroll;
    QLabel *m_title;
    QLabel *m_details;
    QLabel *m_badge;
    QPushButton *m_contradiction;
    QLabel *m_forms;
    QTreeWidget *m_edges;
    QLabel *m_sentenceNote;
    QWidget *m_sentenceBox;
    QVBoxLayout *m_sentenceLayout;
    int m_contradictingEdge = -1;
};

} // namespace seekbench::ui
