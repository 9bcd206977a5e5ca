// The knowledge graph window's graph: loading it into the explorer and the panels, its
// layout off the GUI thread (cancelled when another graph is picked), and which of its
// diseases are rare, from the corpus's ontology.

#include "kg/kg_document_view.h"
#include "kg/kg_window.h"
#include "kg/provenance_panel.h"
#include "kg/rare_disease_panel.h"
#include "seekbench/kg/ontology.h"
#include "seekbench/plotmath/force_layout.h"
#include "seekbench/projects/kg_corpora.h"
#include "seekbench/projects/project.h"
#include "seekbench/widgets/graph_explorer_view.h"

#include <QLabel>
#include <QStatusBar>

#include <algorithm>
#include <filesystem>

namespace seekbench::ui {

namespace {

QString text(const std::string &s) { return QString::fromStdString(s); }

plotmath::ForceGraph forceGraph(const kg::KnowledgeGraph &graph)
{
    plotmath::ForceGraph g;
    g.nodeCount = int(graph.nodes.size());
    g.edges.reserve(graph.edges.size());
    for (const kg::GraphEdge &e : graph.edges)
        g.edges.push_back({e.head, e.tail});
    return g;
}

} // namespace

void KgWindow::onGraphLoaded(std::shared_ptr<const kg::KnowledgeGraph> graph, const projects::KgGraphRecord &record)
{
    if (record.id != m_graphId || !graph)
        return; // another graph was picked since
    m_graph = std::move(graph);
    m_record = record;
    m_shownId = record.id;
    m_focusNodes.clear();
    m_inFocus.assign(m_graph->nodes.size(), false);
    m_focusEdges.clear();
    m_toolbar->setFocusActive(false);

    QVector<widgets::GraphExplorerNode> nodes;
    nodes.reserve(qsizetype(m_graph->nodes.size()));
    for (const kg::GraphNode &n : m_graph->nodes) {
        widgets::GraphExplorerNode v;
        v.type = int(n.type);
        v.label = text(n.name);
        v.candidate = n.candidate;
        nodes.push_back(v);
    }
    QVector<widgets::GraphExplorerEdge> edges;
    edges.reserve(qsizetype(m_graph->edges.size()));
    for (const kg::GraphEdge &e : m_graph->edges)
        edges.push_back({e.head, e.tail, int(e.type), e.confidence, e.contradicted, false});
    m_explorer->setGraph(std::move(nodes), std::move(edges));
    m_details->setGraph(m_graph, m_shownId);
    m_rare->setGraph(m_graph);
    m_document->setGraph(m_graph, m_shownId);
    m_info->setText(tr("Corpus %1, extractor %2, built %3")
                        .arg(record.corpus.empty() ? tr("(none)") : text(record.corpus), text(record.extractor),
                             text(record.created)));
    setWindowTitle(tr("Knowledge graph — %1 — %2").arg(text(record.name), m_projectDir));
    applyFilters();

    const auto cached = m_positions.constFind(m_shownId);
    if (cached != m_positions.constEnd()) { // laid out earlier this session
        m_placed.assign(m_graph->nodes.size(), true);
        m_explorer->setPositions(*cached);
        m_explorer->fitToView();
        Q_EMIT graphShown(m_shownId);
        Q_EMIT layoutFinished(m_shownId);
    } else {
        m_placed.assign(m_graph->nodes.size(), false);
        Q_EMIT graphShown(m_shownId);
        startLayout();
    }
    // Which diseases are rare is the ontology's to say, when the corpus came with one.
    m_rareWork.start([project = m_project, id = m_shownId, corpus = record.corpus](const std::atomic<bool> *) {
        auto out = std::make_shared<RareOutcome>();
        out->graphId = id;
        if (corpus.empty() || !projects::kgCorpusNameProblem(corpus).empty())
            return out;
        const std::filesystem::path file = projects::kgOntologyFile(*project, corpus);
        std::error_code ec;
        if (!std::filesystem::exists(file, ec))
            return out;
        std::string error;
        const auto ontology = kg::readOntology(file.string(), error);
        if (!ontology)
            return out;
        for (const kg::Concept &c : ontology->concepts)
            if (c.rare)
                out->ids.insert(c.id);
        out->known = true;
        return out;
    });
}

void KgWindow::onGraphFailed(const QString &message)
{
    m_graph.reset();
    m_shownId = 0;
    m_explorer->setGraph({}, {});
    m_details->setGraph(nullptr, 0);
    m_rare->setGraph(nullptr);
    m_document->setGraph(nullptr, 0);
    showError(message);
    updateStatus();
}

void KgWindow::showError(const QString &message)
{
    m_error = message;
    m_errorLabel->setText(message);
    m_errorLabel->show();
    statusBar()->showMessage(message, 10000);
}

void KgWindow::startLayout()
{
    const int count = int(m_graph->nodes.size());
    m_progress = tr("Laying out %L1 nodes…").arg(count);
    m_progressLabel->setText(m_progress);
    m_progressLabel->show();
    m_layoutWork.start([graph = m_graph, id = m_shownId,
                        cancelled = m_cancelledLayouts](const std::atomic<bool> *cancel) {
        plotmath::ForceLayoutOptions options;
        options.cancel = cancel;
        const plotmath::ForceLayoutResult result = plotmath::forceLayout(forceGraph(*graph), options);
        auto out = std::make_shared<LayoutOutcome>();
        out->graphId = id;
        if (!result.laidOut) {
            if (result.error.empty())
                cancelled->fetch_add(1);
            out->error = tr("The graph could not be laid out: %1").arg(QString::fromStdString(result.error));
            return out;
        }
        if (result.positions.size() != graph->nodes.size()) {
            out->error
                = tr("The layout gave %1 positions for %2 nodes.").arg(result.positions.size()).arg(graph->nodes.size());
            return out;
        }
        out->positions.reserve(qsizetype(result.positions.size()));
        for (const plotmath::LayoutPoint &p : result.positions)
            out->positions.push_back(QPointF(p.x, p.y));
        out->placed.assign(result.positions.size(), true);
        return out;
    });
}

void KgWindow::cancelLayout()
{
    // Sets the running layout's cancel flag; the placeholder drops whatever it still returns.
    if (m_layoutWork.isRunning())
        m_layoutWork.start([](const std::atomic<bool> *) { return std::shared_ptr<LayoutOutcome>(); });
    m_progressLabel->hide();
    m_progress.clear();
}

void KgWindow::onLayout(const std::shared_ptr<LayoutOutcome> &outcome)
{
    if (!outcome || outcome->graphId != m_shownId || !m_graph)
        return;
    m_progressLabel->hide();
    m_progress.clear();
    if (!outcome->error.isEmpty()) {
        showError(outcome->error);
        Q_EMIT layoutFinished(outcome->graphId);
        return;
    }
    const bool whole = std::all_of(outcome->placed.begin(), outcome->placed.end(), [](bool b) { return b; });
    if (whole)
        m_positions.insert(outcome->graphId, outcome->positions);
    const bool first = std::none_of(m_placed.begin(), m_placed.end(), [](bool b) { return b; });
    m_placed = outcome->placed;
    m_explorer->setPositions(outcome->positions, !first);
    if (first)
        m_explorer->fitToView();
    Q_EMIT layoutFinished(outcome->graphId);
}

} // namespace seekbench::ui
