#include "kg/provenance_panel.h"

#include "common/empty_state.h"
#include "kg/annotated_sentence_view.h"
#include "kg/kg_text.h"

#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace seekbench::ui {

namespace {

constexpr int kEdgeRole = Qt::UserRole + 1;

QLabel *wrappingLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ProvenancePanel::ProvenancePanel(KgGraphLoader *loader, QWidget *parent)
    : QWidget(parent), m_loader(loader), m_stack(new QStackedWidget(this)), m_empty(new EmptyState(this)),
      m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("kgProvenancePanel"));
    auto *content = new QWidget;
    m_title = wrappingLabel(content, QStringLiteral("provenanceTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_details = wrappingLabel(content, QStringLiteral("provenanceDetails"));
    // The review flag is meant to be seen: white on red in either theme.
    m_badge = new QLabel(content);
    m_badge->setObjectName(QStringLiteral("provenanceBadge"));
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold;"
                                          " border-radius: 3px; padding: 2px 6px; }"));
    m_contradiction = new QPushButton(content);
    m_contradiction->setObjectName(QStringLiteral("provenanceContradiction"));
    m_contradiction->setFlat(true);
    m_contradiction->setCursor(Qt::PointingHandCursor);
    m_contradiction->setStyleSheet(QStringLiteral("QPushButton { text-align: left; text-decoration: underline; }"));
    m_forms = wrappingLabel(content, QStringLiteral("provenanceForms"));
    m_edges = new QTreeWidget(content);
    m_edges->setObjectName(QStringLiteral("provenanceEdges"));
    m_edges->setColumnCount(3);
    m_edges->setHeaderLabels({tr("Relation"), tr("Confidence"), tr("Support")});
    m_edges->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_edges->header()->setStretchLastSection(false);
    m_edges->setMinimumHeight(160);
    m_sentenceNote = wrappingLabel(content, QStringLiteral("provenanceSentenceNote"));
    m_sentenceNote->setForegroundRole(QPalette::PlaceholderText);
    m_sentenceBox = new QWidget(content);
    m_sentenceLayout = new QVBoxLayout(m_sentenceBox);
    m_sentenceLayout->setContentsMargins(0, 0, 0, 0);
    m_sentenceLayout->setSpacing(10);

    auto *badgeRow = new QHBoxLayout;
    badgeRow->addWidget(m_badge);
    badgeRow->addWidget(m_contradiction, 1);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addLayout(badgeRow);
    layout->addWidget(m_forms);
    layout->addWidget(m_edges, 1);
    layout->addWidget(m_sentenceNote);
    layout->addWidget(m_sentenceBox);
    layout->addStretch(1);
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_scroll);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(m_contradiction, &QPushButton::clicked, this, [this] {
        if (m_contradictingEdge < 0)
            return;
        const int edge = m_contradictingEdge;
        showEdge(edge);
        Q_EMIT edgeChosen(edge);
    });
    connect(m_edges, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant edge = item->data(0, kEdgeRole);
        if (!edge.isValid())
            return;
        showEdge(edge.toInt());
        Q_EMIT edgeChosen(edge.toInt());
    });
    if (m_loader) {
        connect(m_loader, &KgGraphLoader::sentencesLoaded, this, &ProvenancePanel::onSentences);
        connect(m_loader, &KgGraphLoader::sentencesFailed, this, &ProvenancePanel::onSentencesFailed);
    }
    setGraph(nullptr, 0);
}

void ProvenancePanel::setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph, std::int64_t graphId)
{
    m_graph = std::move(graph);
    m_graphId = graphId;
    clearSelection();
}

void ProvenancePanel::clearSelection()
{
    m_edge = m_node = -1;
    clearSentences();
    if (!m_graph)
        showEmpty(tr("No knowledge graph yet"),
                  tr("Build one from a corpus with: seekbench-cli kg build --project DIR --corpus NAME (or from a "
                     "trained run with --run RUN_ID), then open it here."));
    else
        showEmpty(tr("Nothing selected"), tr("Select an edge or a node in the graph to see the sentences behind it."));
}

void ProvenancePanel::showEmpty(const QString &title, const QString &text)
{
    m_empty->setTitle(title);
    m_empty->setText(text);
    m_stack->setCurrentWidget(m_empty);
}

QString ProvenancePanel::nodeName(int node) const
{
    if (!m_graph || node < 0 || static_cast<std::size_t>(node) >= m_graph->nodes.size())
        return tr("(node %1 is not in the graph)").arg(node);
    return QString::fromStdString(m_graph->nodes[static_cast<std::size_t>(node)].name);
}

int ProvenancePanel::contradictingEdge(const kg::KnowledgeGraph &graph, int edge)
{
    if (edge < 0 || static_cast<std::size_t>(edge) >= graph.edges.size())
        return -1;
    const kg::GraphEdge &e = graph.edges[static_cast<std::size_t>(edge)];
    if (e.type != kg::RelationType::Treats && e.type != kg::RelationType::ContraindicatedFor)
        return -1;
    const kg::RelationType other = e.type == kg::RelationType::Treats ? kg::RelationType::ContraindicatedFor
                                                                      : kg::RelationType::Treats;
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const kg::GraphEdge &o = graph.edges[i];
        if (o.type == other && o.head == e.head && o.tail == e.tail)
            return static_cast<int>(i);
    }
    return -1;
}

void ProvenancePanel::clearSentences()
{
    while (QLayoutItem *item = m_sentenceLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_shownEvidence.clear();
    m_requested.clear();
    m_sentenceNote->clear();
}

void ProvenancePanel::showEdge(int edge)
{
    if (!m_graph || edge < 0 || static_cast<std::size_t>(edge) >= m_graph->edges.size()) {
        clearSelection();
        return;
    }
    m_edge = edge;
    m_node = -1;
    clearSentences();
    const kg::GraphEdge &e = m_graph->edges[static_cast<std::size_t>(edge)];
    m_title->setText(KgText::edge(nodeName(e.head), e.type, nodeName(e.tail)));
    int against = 0;
    for (const kg::EdgeEvidence &ev : e.evidence)
        against += ev.negated ? 1 : 0;
    m_details->setText(tr("Confidence %1 · %2 · edge %3")
                           .arg(KgText::confidence(e.confidence), KgText::support(e.support, against))
                           .arg(edge));
    m_contradictingEdge = e.contradicted ? contradictingEdge(*m_graph, edge) : -1;
    m_badge->setText(tr("Contradicted: review"));
    m_badge->setVisible(e.contradicted);
    if (m_contradictingEdge >= 0) {
        const kg::GraphEdge &o = m_graph->edges[static_cast<std::size_t>(m_contradictingEdge)];
        m_contradiction->setText(
            tr("Contradicts: %1 (confidence %2)")
                .arg(KgText::edge(nodeName(o.head), o.type, nodeName(o.tail)), KgText::confidence(o.confidence)));
    }
    m_contradiction->setVisible(m_contradictingEdge >= 0);
    m_forms->hide();
    m_edges->hide();
    m_sentenceBox->show();

    // The most confident evidence first; the ids of those shown go to the loader.
    m_shownEvidence = e.evidence;
    std::stable_sort(m_shownEvidence.begin(), m_shownEvidence.end(),
                     [](const kg::EdgeEvidence &a, const kg::EdgeEvidence &b) { return a.confidence > b.confidence; });
    const auto total = m_shownEvidence.size();
    if (m_shownEvidence.size() > static_cast<std::size_t>(kMaxSentences))
        m_shownEvidence.resize(static_cast<std::size_t>(kMaxSentences));
    if (total == 0)
        m_noteBase = tr("No evidence sentences are recorded for this edge.");
    else if (total > m_shownEvidence.size())
        m_noteBase
            = tr("Showing the %1 most confident of %2 evidence sentences.").arg(m_shownEvidence.size()).arg(total);
    else
        m_noteBase = tr("%1 evidence sentences.").arg(total);
    m_sentenceNote->setText(total == 0 || !m_loader ? m_noteBase : m_noteBase + QLatin1Char(' ') + tr("Loading…"));
    m_stack->setCurrentWidget(m_scroll);
    if (total == 0 || !m_loader) {
        Q_EMIT sentencesShown();
        return;
    }
    for (const kg::EdgeEvidence &ev : m_shownEvidence)
        m_requested.push_back(ev.sentence_id);
    m_loader->loadSentences(m_graphId, m_requested);
}

void ProvenancePanel::onSentences(const std::shared_ptr<const KgSentencesData> &data)
{
    if (m_edge < 0 || !data || data->graphId != m_graphId || data->requested != m_requested)
        return; // an answer for something no longer shown
    std::unordered_map<std::string, const projects::KgSentenceRecord *> byId;
    for (const projects::KgSentenceRecord &s : data->sentences)
        byId.emplace(s.sentence_id, &s);
    const kg::GraphEdge &e = m_graph->edges[static_cast<std::size_t>(m_edge)];
    const std::string &headId = m_graph->nodes[static_cast<std::size_t>(e.head)].concept_id;
    const std::string &tailId = m_graph->nodes[static_cast<std::size_t>(e.tail)].concept_id;
    int missing = 0;
    for (const kg::EdgeEvidence &ev : m_shownEvidence) {
        auto *frame = new QFrame(m_sentenceBox);
        frame->setObjectName(QStringLiteral("provenanceSentence"));
        frame->setFrameShape(QFrame::StyledPanel);
        auto *box = new QVBoxLayout(frame);
        QStringList marks{QString::fromStdString(ev.sentence_id),
                          tr("confidence %1").arg(KgText::confidence(ev.confidence))};
        if (ev.negated)
            marks << tr("negated: counts against");
        if (ev.hedged)
            marks << tr("hedged");
        auto *header = new QLabel(marks.join(QStringLiteral(" · ")), frame);
        header->setObjectName(QStringLiteral("provenanceSentenceHeader"));
        header->setForegroundRole(QPalette::PlaceholderText);
        box->addWidget(header);
        const auto found = byId.find(ev.sentence_id);
        if (found == byId.end()) {
            ++missing;
            auto *note = new QLabel(tr("%1: text not stored").arg(QString::fromStdString(ev.sentence_id)), frame);
            note->setObjectName(QStringLiteral("provenanceSentenceMissing"));
            box->addWidget(note);
        } else {
            auto *view = new AnnotatedSentenceView(frame);
            view->setSentence(*found->second);
            view->setEmphasisedRelation(AnnotatedSentenceView::findRelation(*found->second, headId, tailId, e.type));
            box->addWidget(view);
            for (const QString &problem : view->problems()) {
                auto *warn = new QLabel(problem, frame);
                warn->setWordWrap(true);
                box->addWidget(warn);
            }
        }
        m_sentenceLayout->addWidget(frame);
    }
    QString note = m_noteBase;
    if (missing > 0)
        note += QLatin1Char(' ') + tr("%1 of them are not stored in the project.").arg(missing);
    m_sentenceNote->setText(note);
    Q_EMIT sentencesShown();
}

void ProvenancePanel::onSentencesFailed(const QString &message)
{
    if (m_edge < 0)
        return;
    m_sentenceNote->setText(m_noteBase + QLatin1Char(' ') + message);
    Q_EMIT sentencesShown();
}

void ProvenancePanel::showNode(int node)
{
    if (!m_graph || node < 0 || static_cast<std::size_t>(node) >= m_graph->nodes.size()) {
        clearSelection();
        return;
    }
    m_node = node;
    m_edge = -1;
    clearSentences();
    const kg::GraphNode &n = m_graph->nodes[static_cast<std::size_t>(node)];
    m_title->setText(QString::fromStdString(n.name));
    m_details->setText(tr("%1 · %2 · %3 mentions")
                           .arg(KgText::conceptType(n.type), QString::fromStdString(n.concept_id))
                           .arg(n.mentions));
    m_badge->setText(tr("Not in the ontology: review"));
    m_badge->setVisible(n.candidate);
    m_contradiction->hide();
    m_contradictingEdge = -1;
    QStringList forms;
    for (const std::string &f : n.forms)
        forms << QString::fromStdString(f);
    m_forms->setText(forms.isEmpty() ? tr("No surface forms recorded.")
                                     : tr("Forms seen in the text: %1").arg(forms.join(QStringLiteral(", "))));
    m_forms->show();

    // Its edges grouped by relation and direction, the most confident first.
    m_edges->clear();
    std::map<std::pair<int, bool>, std::vector<int>> groups; // (relation, outgoing) -> edges
    for (std::size_t i = 0; i < m_graph->edges.size(); ++i) {
        const kg::GraphEdge &e = m_graph->edges[i];
        if (e.head == node || e.tail == node)
            groups[{static_cast<int>(e.type), e.head == node}].push_back(static_cast<int>(i));
    }
    for (auto &[key, edges] : groups) {
        std::stable_sort(edges.begin(), edges.end(), [this](int a, int b) {
            return m_graph->edges[static_cast<std::size_t>(a)].confidence
                   > m_graph->edges[static_cast<std::size_t>(b)].confidence;
        });
        const auto type = static_cast<kg::RelationType>(key.first);
        const QString relation = KgText::relation(type);
        auto *group = new QTreeWidgetItem(m_edges, {key.second ? tr("%1 → (%2)").arg(relation).arg(edges.size())
                                                               : tr("← %1 (%2)").arg(relation).arg(edges.size())});
        for (const int i : edges) {
            const kg::GraphEdge &e = m_graph->edges[static_cast<std::size_t>(i)];
            QString other = nodeName(key.second ? e.tail : e.head);
            if (e.contradicted)
                other = tr("%1 (contradicted: review)").arg(other);
            auto *item = new QTreeWidgetItem(group,
                                             {other, KgText::confidence(e.confidence), QString::number(e.support)});
            item->setData(0, kEdgeRole, i);
            item->setToolTip(0, tr("Double-click or press Enter to see the evidence of this edge."));
        }
    }
    m_edges->expandAll();
    m_edges->resizeColumnToContents(1);
    m_edges->resizeColumnToContents(2);
    m_edges->setVisible(!groups.empty());
    m_sentenceNote->setText(groups.empty() ? tr("This node has no edges in the graph.") : QString());
    m_sentenceBox->hide();
    m_stack->setCurrentWidget(m_scroll);
}

} // namespace seekbench::ui
