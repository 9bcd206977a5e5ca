#pragma once

// The knowledge graph views of a project (issue 25), in a window of their own: a graph
// picker (the project's graphs, newest first), the explorer with its toolbar (search by
// name or synonym, filters, neighbourhood expansion by double-click), and beside it the
// Details (provenance), Rare disease and Document tabs. Everything that reads the store or
// lays the graph out runs off the GUI thread, newest request first; layouts are kept per
// graph for the session, so going back to a graph is instant. MainWindow only opens it.

#include "common/latest_work.h"
#include "kg/kg_explorer_toolbar.h"
#include "kg/kg_graph_loader.h"

#include <QHash>
#include <QMainWindow>
#include <QPointF>
#include <QTimer>
#include <QVector>

#include <atomic>
#include <memory>
#include <unordered_set>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace seekbench::widgets {
class GraphExplorerView;
}

namespace seekbench::ui {

class DemoOffer;
class KgDocumentView;
class ProvenancePanel;
class RareDiseasePanel;

class KgWindow : public QMainWindow
{
    Q_OBJECT
public:
    KgWindow(std::shared_ptr<const projects::Project> project, const QString &projectDir, QWidget *parent = nullptr);
    ~KgWindow() override;

    // Lists the graphs again and shows the one shown (else the newest): what opening does.
    void reload();
    // Shows a graph of the picker; false when the project has no such graph.
    bool setGraph(qint64 graphId);
    // Selects a node, centres the explorer on it, highlights it and shows its details.
    void selectNode(int node);

    qint64 currentGraphId() const { return m_graphId; }
    std::shared_ptr<const kg::KnowledgeGraph> graph() const { return m_graph; }
    bool isLayingOut() const { return m_layoutWork.isRunning(); }
    bool hasLayout(qint64 graphId) const { return m_positions.contains(graphId); }
    // Layouts given up because another graph was picked (or the window closed) meanwhile.
    int cancelledLayouts() const { return m_cancelledLayouts->load(); }
    // The nodes of the expanded neighbourhoods (empty: no focus).
    const std::vector<int> &focusNodes() const { return m_focusNodes; }

    QComboBox *graphPicker() const { return m_picker; }
    widgets::GraphExplorerView *explorer() const { return m_explorer; }
    KgExplorerToolbar *toolbar() const { return m_toolbar; }
    QTabWidget *tabs() const { return m_tabs; }
    ProvenancePanel *provenancePanel() const { return m_details; }
    RareDiseasePanel *rareDiseasePanel() const { return m_rare; }
    KgDocumentView *documentView() const { return m_document; }
    DemoOffer *demoOffer() const { return m_offer; }
    QString statusText() const;
    QString errorText() const;
    QString progressText() const;

Q_SIGNALS:
    void graphsListed();
    void graphShown(qint64 graphId);     // nodes and edges are in the explorer
    void layoutFinished(qint64 graphId); // positions too (or the layout failed: errorText)
    void searched(const QString &text);  // completions for `text` arrived
    void expanded(int node);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Listing
    {
        std::vector<projects::KgGraphRecord> graphs;
        QString error;
    };
    struct LayoutOutcome
    {
        qint64 graphId = 0;
        QVector<QPointF> positions;
        std::vector<bool> placed; // which nodes have a position
        QString error;
    };
    struct SearchOutcome
    {
        qint64 graphId = 0;
        QString text;
        std::vector<int> nodes;
        QString error;
        bool submit = false; // Enter: select the first hit
    };
    struct Expansion
    {
        qint64 graphId = 0;
        int node = -1;
        projects::KgNeighbourhood neighbourhood;
        QString error;
    };
    struct RareOutcome
    {
        qint64 graphId = 0;
        std::unordered_set<std::string> ids;
        bool known = false; // the corpus's ontology was read
    };

    void onListed(const std::shared_ptr<Listing> &listing);
    void onGraphLoaded(std::shared_ptr<const kg::KnowledgeGraph> graph, const projects::KgGraphRecord &record);
    void onGraphFailed(const QString &message);
    void startLayout();
    void onLayout(const std::shared_ptr<LayoutOutcome> &outcome);
    void cancelLayout();
    void showError(const QString &message);
    void showExplorerPage();
    void showNoGraph();

    // kg_window_filters.cpp: filters, focus, search and the status line.
    void applyFilters();
    void search(const QString &text, bool submit);
    void onSearched(const std::shared_ptr<SearchOutcome> &outcome);
    void expand(int node);
    void onExpanded(const std::shared_ptr<Expansion> &expansion);
    void placeMissing(const std::vector<int> &nodes);
    void clearFocus();
    void showPaths(const std::vector<int> &nodes, const std::vector<int> &edges);
    void fitTo(const QVector<int> &nodes);
    void updateStatus();
    void retranslate();

    std::shared_ptr<const projects::Project> m_project;
    QString m_projectDir;
    KgGraphLoader *m_loader;
    std::vector<projects::KgGraphRecord> m_graphs;
    qint64 m_graphId = 0; // the graph picked (loading or shown)
    qint64 m_shownId = 0; // the graph in the explorer
    std::shared_ptr<const kg::KnowledgeGraph> m_graph;
    projects::KgGraphRecord m_record;
    QHash<qint64, QVector<QPointF>> m_positions; // finished layouts, for the session
    std::vector<bool> m_placed;                  // nodes of the shown graph with a position
    std::shared_ptr<std::atomic<int>> m_cancelledLayouts;
    std::vector<int> m_focusNodes;
    std::vector<bool> m_inFocus;
    QVector<int> m_focusEdges;
    QString m_error, m_progress;
    QTimer m_searchDebounce;

    QLabel *m_pickerLabel, *m_info, *m_progressLabel, *m_errorLabel, *m_status;
    QComboBox *m_picker;
    QPushButton *m_refresh;
    QStackedWidget *m_pages;
    DemoOffer *m_offer;
    QLabel *m_offerCommands;
    QWidget *m_explorerPage;
    KgExplorerToolbar *m_toolbar;
    widgets::GraphExplorerView *m_explorer;
    QTabWidget *m_tabs;
    ProvenancePanel *m_details;
    RareDiseasePanel *m_rare;
    KgDocumentView *m_document;

    LatestWork<std::shared_ptr<Listing>> m_listWork;
    LatestWork<std::shared_ptr<LayoutOutcome>> m_layoutWork;
    LatestWork<std::shared_ptr<SearchOutcome>> m_searchWork;
    LatestWork<std::shared_ptr<Expansion>> m_expandWork;
    LatestWork<std::shared_ptr<RareOutcome>> m_rareWork;
};

} // namespace seekbench::ui
