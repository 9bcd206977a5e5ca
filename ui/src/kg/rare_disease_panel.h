#pragma once

// The article's "assist the doctor": observed symptoms (and optionally a gene) picked with
// completion over every name and form the graph has seen, diseases ranked by their support
// in the graph (kg::rankDiseases, off the GUI thread), and for the selected disease its
// explanatory paths, treatments and contraindications, each with its evidence count.
// Selecting a disease asks the explorer to highlight its paths; clicking a path asks the
// window to show its provenance.

#include "common/latest_work.h"
#include "seekbench/kg/ranking.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTreeWidget;

namespace seekbench::ui {

class ConceptPicker;
class EmptyState;

class RareDiseasePanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kResults = 20; // diseases listed

    explicit RareDiseasePanel(QWidget *parent = nullptr);
    ~RareDiseasePanel() override;

    void setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph);
    // Concept ids of rare diseases (from the ontology, when the window has it): the graph
    // does not know prevalence, so without this no disease is marked rare.
    void setRareConcepts(std::unordered_set<std::string> ids);

    ConceptPicker *symptomPicker() const { return m_symptoms; }
    ConceptPicker *genePicker() const { return m_gene; }

    // Ranks the picked symptoms and gene off the GUI thread; `ranked` follows.
    void rank();
    bool isRanking() const { return m_work.isRunning(); }
    const std::vector<kg::RankedDisease> &ranking() const { return m_ranking; }
    // What the last ranking ignored (symptoms or a gene the graph does not have), as typed.
    QStringList ignored() const { return m_ignored; }
    void selectDisease(int row);

Q_SIGNALS:
    void pathsHighlighted(std::vector<int> nodes, std::vector<int> edges);
    void edgeChosen(int edge);
    void ranked();

private:
    struct Result
    {
        std::shared_ptr<const kg::KnowledgeGraph> graph;
        std::vector<kg::RankedDisease> ranking;
        std::vector<std::string> unknown;
        int observed = 0; // query symptoms the graph has
        bool geneAsked = false;
    };
    void showResult(const std::shared_ptr<Result> &result);
    void showDetails(int row);
    QString nodeName(int node) const;

    std::shared_ptr<const kg::KnowledgeGraph> m_graph;
    std::unordered_set<std::string> m_rare;
    std::vector<kg::RankedDisease> m_ranking;
    QStringList m_ignored;
    int m_observed = 0;
    bool m_geneAsked = false;

    QStackedWidget *m_stack;
    EmptyState *m_empty;
    ConceptPicker *m_symptoms;
    ConceptPicker *m_gene;
    QPushButton *m_rank;
    QLabel *m_status;
    QTableWidget *m_table;
    QTreeWidget *m_details;
    LatestWork<std::shared_ptr<Result>> m_work;
};

} // namespace seekbench::ui
