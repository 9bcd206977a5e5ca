// The knowledge graph window's explorer side: filters turned into masks, search, focus
// (neighbourhood expansion), highlighted paths and the status line.

#include "kg/kg_text.h"
#include "kg/kg_window.h"
#include "kg/provenance_panel.h"
#include "seekbench/plotmath/force_layout.h"
#include "seekbench/projects/project.h"
#include "seekbench/widgets/graph_explorer_view.h"

#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QTabWidget>

#include <algorithm>
#include <limits>

namespace seekbench::ui {

namespace {
constexpr int kSearchHits = 20;
}

void KgWindow::applyFilters()
{
    if (!m_graph) {
        updateStatus();
        return;
    }
    const KgExplorerFilters f = m_toolbar->filters();
    const auto &nodes = m_graph->nodes;
    const auto &edges = m_graph->edges;
    QVector<bool> nodeMask(qsizetype(nodes.size())), edgeMask(qsizetype(edges.size()));
    const bool focus = f.neighbourhoodOnly && !m_focusNodes.empty();
    for (std::size_t n = 0; n < nodes.size(); ++n)
        nodeMask[qsizetype(n)] = (f.nodeTypes & (1u << int(nodes[n].type))) && (!focus || m_inFocus[n]);
    for (std::size_t e = 0; e < edges.size(); ++e) {
        const kg::GraphEdge &edge = edges[e];
        bool shown = (f.relationTypes & (1u << int(edge.type))) && edge.confidence >= f.minConfidence
                     && (!f.contradictionsOnly || edge.contradicted);
        if (f.candidatesOnly)
            shown = shown && (nodes[std::size_t(edge.head)].candidate || nodes[std::size_t(edge.tail)].candidate);
        edgeMask[qsizetype(e)] = shown;
    }
    // Candidates and contradictions are shown with what they touch; the rest goes.
    if (f.candidatesOnly || f.contradictionsOnly) {
        std::vector<bool> touched(nodes.size(), false);
        for (std::size_t e = 0; e < edges.size(); ++e) {
            const int h = edges[e].head, t = edges[e].tail;
            if (edgeMask[qsizetype(e)] && nodeMask[h] && nodeMask[t])
                touched[std::size_t(h)] = touched[std::size_t(t)] = true;
        }
        for (std::size_t n = 0; n < nodes.size(); ++n)
            nodeMask[qsizetype(n)] = nodeMask[qsizetype(n)]
                                     && (touched[n]
                                         || (f.candidatesOnly && !f.contradictionsOnly && nodes[n].candidate));
    }
    m_explorer->setVisibleMasks(nodeMask, edgeMask);
    updateStatus();
}

void KgWindow::updateStatus()
{
    if (!m_graph) {
        m_status->setText(m_graphs.empty() && m_error.isEmpty() ? tr("No knowledge graph in this project yet.")
                                                                : QString());
        return;
    }
    const auto &nodes = m_graph->nodes;
    const auto &edges = m_graph->edges;
    int shownNodes = 0, shownEdges = 0, contradicted = 0, candidates = 0;
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        shownNodes += m_explorer->nodeShown(int(n)) ? 1 : 0;
        candidates += nodes[n].candidate ? 1 : 0;
    }
    for (std::size_t e = 0; e < edges.size(); ++e) {
        shownEdges += m_explorer->edgeShown(int(e)) ? 1 : 0;
        contradicted += edges[e].contradicted ? 1 : 0;
    }
    m_status->setText(tr("Shown: %L1 of %L2 concepts, %L3 of %L4 relations · %L5 contradicted edges · %L6 candidate "
                         "concepts · %L7 relations rejected by verification")
                          .arg(shownNodes)
                          .arg(nodes.size())
                          .arg(shownEdges)
                          .arg(edges.size())
                          .arg(contradicted)
                          .arg(candidates)
                          .arg(m_graph->rejected.size()));
}

void KgWindow::search(const QString &query, bool submit)
{
    const QString trimmed = query.trimmed();
    if (!m_graph || trimmed.isEmpty()) {
        m_toolbar->setHits(query, {});
        return;
    }
    m_searchWork.start([project = m_project, id = m_shownId, query, trimmed, submit](const std::atomic<bool> *) {
        auto out = std::make_shared<SearchOutcome>();
        out->graphId = id;
        out->text = query;
        out->submit = submit;
        try {
            out->nodes = projects::KgStore(*project, true).searchNodes(id, trimmed.toStdString(), kSearchHits);
        } catch (const std::exception &e) {
            out->error = tr("Cannot search the graph: %1").arg(QString::fromUtf8(e.what()));
        }
        return out;
    });
}

void KgWindow::onSearched(const std::shared_ptr<SearchOutcome> &outcome)
{
    if (!outcome || outcome->graphId != m_shownId || !m_graph)
        return;
    if (!outcome->error.isEmpty())
        statusBar()->showMessage(outcome->error, 10000);
    QVector<KgSearchHit> hits;
    const QString query = outcome->text.trimmed();
    for (const int node : outcome->nodes) {
        if (node < 0 || node >= int(m_graph->nodes.size()))
            continue; // the store checks its rows; a stale index is not worth a crash
        const kg::GraphNode &n = m_graph->nodes[std::size_t(node)];
        const QString name = QString::fromStdString(n.name);
        // Say which form matched when it is not the name: the synonym the user typed.
        QString form;
        if (!name.contains(query, Qt::CaseInsensitive))
            for (const std::string &f : n.forms) {
                const QString candidate = QString::fromStdString(f);
                if (candidate.contains(query, Qt::CaseInsensitive)) {
                    form = candidate;
                    break;
                }
            }
        const QString type = KgText::conceptType(n.type);
        hits.push_back(
            {node, form.isEmpty() ? tr("%1 · %2").arg(name, type) : tr("%1 — %2 · %3").arg(name, form, type)});
    }
    m_toolbar->setHits(outcome->text, hits);
    if (outcome->submit) {
        if (hits.isEmpty())
            statusBar()->showMessage(tr("No concept of this graph is called “%1”.").arg(query), 8000);
        else
            selectNode(hits.front().node);
    }
    Q_EMIT searched(outcome->text);
}

void KgWindow::selectNode(int node)
{
    if (!m_graph || node < 0 || node >= int(m_graph->nodes.size()))
        return;
    m_explorer->setSelectedNode(node);
    m_explorer->setHighlighted({node}, {});
    if (std::size_t(node) < m_placed.size() && m_placed[std::size_t(node)])
        fitTo({node});
    m_details->showNode(node);
    m_tabs->setCurrentWidget(m_details);
}

void KgWindow::fitTo(const QVector<int> &nodes)
{
    const auto &all = m_explorer->nodes();
    double left = std::numeric_limits<double>::max(), top = left, right = -left, bottom = -left;
    for (const int n : nodes) {
        if (n < 0 || n >= all.size() || std::size_t(n) >= m_placed.size() || !m_placed[std::size_t(n)])
            continue;
        const QPointF p = all[n].pos;
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        top = std::min(top, p.y());
        bottom = std::max(bottom, p.y());
    }
    if (left > right)
        return;
    const QPointF centre(m_explorer->width() / 2.0, m_explorer->height() / 2.0);
    m_explorer->panBy(centre - m_explorer->toWidget(QPointF((left + right) / 2, (top + bottom) / 2)));
    // The box fills most of the view; one node is shown three times closer than the whole graph.
    const double w = right - left, h = bottom - top;
    double target = 3 * m_explorer->fitScale();
    if (w > 0 || h > 0)
        target = 0.8 * std::min(w > 0 ? m_explorer->width() / w : target, h > 0 ? m_explorer->height() / h : target);
    target = std::max(target, m_explorer->fitScale());
    if (m_explorer->scale() > 0)
        m_explorer->zoomAt(centre, target / m_explorer->scale());
}

void KgWindow::expand(int node)
{
    if (!m_graph || node < 0 || node >= int(m_graph->nodes.size()))
        return;
    const projects::KgEdgeFilter filter = m_toolbar->filters().edgeFilter();
    m_expandWork.start([project = m_project, id = m_shownId, node, filter](const std::atomic<bool> *) {
        auto out = std::make_shared<Expansion>();
        out->graphId = id;
        out->node = node;
        try {
            out->neighbourhood = projects::KgStore(*project, true).neighbourhood(id, {node}, 1, filter);
        } catch (const std::exception &e) {
            out->error = tr("Cannot expand the neighbourhood: %1").arg(QString::fromUtf8(e.what()));
        }
        return out;
    });
}

void KgWindow::onExpanded(const std::shared_ptr<Expansion> &expansion)
{
    if (!expansion || expansion->graphId != m_shownId || !m_graph)
        return;
    if (!expansion->error.isEmpty()) {
        showError(expansion->error);
        return;
    }
    const int nodeCount = int(m_graph->nodes.size()), edgeCount = int(m_graph->edges.size());
    std::vector<int> unplaced;
    for (const int n : expansion->neighbourhood.nodes) {
        if (n < 0 || n >= nodeCount)
            continue;
        if (!m_inFocus[std::size_t(n)]) {
            m_inFocus[std::size_t(n)] = true;
            m_focusNodes.push_back(n);
        }
        if (!m_placed[std::size_t(n)])
            unplaced.push_back(n);
    }
    for (const int e : expansion->neighbourhood.edges)
        if (e >= 0 && e < edgeCount && !m_focusEdges.contains(e))
            m_focusEdges.push_back(e);
    m_explorer->setHighlighted(QVector<int>(m_focusNodes.begin(), m_focusNodes.end()), m_focusEdges);
    m_explorer->setSelectedNode(expansion->node);
    m_details->showNode(expansion->node);
    m_toolbar->setFocusActive(true);
    if (m_toolbar->filters().neighbourhoodOnly) {
        applyFilters();
        fitTo(QVector<int>(m_focusNodes.begin(), m_focusNodes.end()));
    }
    // The whole graph is laid out at once; only when that failed do expanded nodes need a place.
    if (!unplaced.empty() && !m_layoutWork.isRunning())
        placeMissing(unplaced);
    Q_EMIT expanded(expansion->node);
}

void KgWindow::placeMissing(const std::vector<int> &nodes)
{
    // The placed nodes and the new ones, as a graph of their own: the rest stays unplaced.
    std::vector<int> local(m_graph->nodes.size(), -1), global;
    for (std::size_t n = 0; n < m_placed.size(); ++n)
        if (m_placed[n]) {
            local[n] = int(global.size());
            global.push_back(int(n));
        }
    for (const int n : nodes)
        if (local[std::size_t(n)] < 0) {
            local[std::size_t(n)] = int(global.size());
            global.push_back(n);
        }
    plotmath::ForceGraph sub;
    sub.nodeCount = int(global.size());
    for (const kg::GraphEdge &e : m_graph->edges)
        if (local[std::size_t(e.head)] >= 0 && local[std::size_t(e.tail)] >= 0)
            sub.edges.push_back({local[std::size_t(e.head)], local[std::size_t(e.tail)]});
    std::vector<plotmath::LayoutPoint> positions(global.size());
    std::vector<bool> fixed(global.size());
    const auto &current = m_explorer->nodes();
    for (std::size_t i = 0; i < global.size(); ++i) {
        const QPointF p = current[global[i]].pos;
        positions[i] = {p.x(), p.y()};
        fixed[i] = m_placed[std::size_t(global[i])];
    }
    QVector<QPointF> all(current.size());
    for (int i = 0; i < current.size(); ++i)
        all[i] = current[i].pos;
    m_layoutWork.start([id = m_shownId, sub = std::move(sub), positions = std::move(positions),
                        fixed = std::move(fixed), global = std::move(global), all = std::move(all),
                        placed = m_placed](const std::atomic<bool> *cancel) mutable {
        plotmath::ForceLayoutOptions options;
        options.cancel = cancel;
        const plotmath::ForceLayoutResult result = plotmath::layoutAround(sub, positions, fixed, options);
        auto out = std::make_shared<LayoutOutcome>();
        out->graphId = id;
        if (!result.laidOut || result.positions.size() != global.size()) {
            out->error = tr("The new nodes could not be placed: %1").arg(QString::fromStdString(result.error));
            return out;
        }
        for (std::size_t i = 0; i < global.size(); ++i) {
            all[global[i]] = QPointF(result.positions[i].x, result.positions[i].y);
            placed[std::size_t(global[i])] = true;
        }
        out->positions = std::move(all);
        out->placed = std::move(placed);
        return out;
    });
}

void KgWindow::clearFocus()
{
    m_focusNodes.clear();
    if (m_graph)
        m_inFocus.assign(m_graph->nodes.size(), false);
    m_focusEdges.clear();
    m_explorer->setHighlighted({}, {});
    m_toolbar->setFocusActive(false);
    applyFilters();
}

void KgWindow::showPaths(const std::vector<int> &nodes, const std::vector<int> &edges)
{
    if (!m_graph)
        return;
    QVector<int> n, e;
    for (const int i : nodes)
        if (i >= 0 && i < int(m_graph->nodes.size()))
            n.push_back(i);
    for (const int i : edges)
        if (i >= 0 && i < int(m_graph->edges.size()))
            e.push_back(i);
    m_explorer->setHighlighted(n, e);
    fitTo(n);
}

} // namespace seekbench::ui
