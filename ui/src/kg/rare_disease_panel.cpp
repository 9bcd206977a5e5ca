#include "kg/rare_disease_panel.h"

#include "common/empty_state.h"
#include "kg/concept_picker.h"
#include "kg/kg_text.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace seekbench::ui {

namespace {

constexpr int kEdgeRole = Qt::UserRole + 1;
enum Column { RankColumn, DiseaseColumn, RareColumn, ScoreColumn, MatchedColumn, GeneColumn, Columns };

QTableWidgetItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

} // namespace

RareDiseasePanel::RareDiseasePanel(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_empty(new EmptyState(this)),
      m_symptoms(new ConceptPicker(kg::ConceptType::Symptom, true, this)),
      m_gene(new ConceptPicker(kg::ConceptType::Gene, false, this)), m_rank(new QPushButton(tr("Rank"), this)),
      m_status(new QLabel(this)), m_table(new QTableWidget(this)), m_details(new QTreeWidget(this)),
      m_work(this, [this](std::shared_ptr<Result> result) { showResult(result); })
{
    setObjectName(QStringLiteral("kgRareDiseasePanel"));
    m_symptoms->setObjectName(QStringLiteral("rareSymptoms"));
    m_gene->setObjectName(QStringLiteral("rareGene"));
    m_rank->setObjectName(QStringLiteral("rareRank"));
    m_status->setObjectName(QStringLiteral("rareStatus"));
    m_table->setObjectName(QStringLiteral("rareResults"));
    m_details->setObjectName(QStringLiteral("rareDetails"));
    m_symptoms->setPlaceholder(tr("Type a symptom, a synonym or a misspelling…"));
    m_gene->setPlaceholder(tr("Optional: a gene found by sequencing"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_table->setColumnCount(Columns);
    m_table->setHorizontalHeaderLabels(
        {tr("Rank"), tr("Disease"), tr("Rare"), tr("Score"), tr("Symptoms matched"), tr("Gene")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(DiseaseColumn, QHeaderView::Stretch);
    m_table->setColumnHidden(RareColumn, true);
    m_details->setColumnCount(3);
    m_details->setHeaderLabels({tr("Path"), tr("Confidence"), tr("Evidence")});
    m_details->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_details->header()->setStretchLastSection(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Observed symptoms"), m_symptoms);
    form->addRow(tr("Gene"), m_gene);
    auto *rankRow = new QHBoxLayout;
    rankRow->addWidget(m_status, 1);
    rankRow->addWidget(m_rank, 0, Qt::AlignTop);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(form);
    layout->addLayout(rankRow);
    layout->addWidget(splitter, 1);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    m_empty->setTitle(tr("No knowledge graph yet"));
    m_empty->setText(tr("Build one with: seekbench-cli kg build --project DIR --corpus NAME (or from a trained run "
                        "with --run RUN_ID), then open it here to rank diseases from symptoms."));

    connect(m_rank, &QPushButton::clicked, this, &RareDiseasePanel::rank);
    connect(m_symptoms, &ConceptPicker::changed, this,
            [this] { m_rank->setEnabled(m_graph && !m_symptoms->ids().empty()); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            showDetails(rows.front().row());
    });
    connect(m_details, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QVariant edge = item->data(0, kEdgeRole);
        if (edge.isValid())
            Q_EMIT edgeChosen(edge.toInt());
    });
    setGraph(nullptr);
}

RareDiseasePanel::~RareDiseasePanel() = default;

void RareDiseasePanel::setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph)
{
    m_graph = std::move(graph);
    m_symptoms->setGraph(m_graph);
    m_gene->setGraph(m_graph);
    m_ranking.clear();
    m_ignored.clear();
    m_table->setRowCount(0);
    m_details->clear();
    m_rank->setEnabled(false);
    m_status->setText(tr("Pick the symptoms seen, then Rank."));
    m_stack->setCurrentIndex(m_graph ? 1 : 0);
}

void RareDiseasePanel::setRareConcepts(std::unordered_set<std::string> ids)
{
    m_rare = std::move(ids);
    m_table->setColumnHidden(RareColumn, m_rare.empty());
}

QString RareDiseasePanel::nodeName(int node) const
{
    if (!m_graph || node < 0 || static_cast<std::size_t>(node) >= m_graph->nodes.size())
        return {};
    return QString::fromStdString(m_graph->nodes[static_cast<std::size_t>(node)].name);
}

void RareDiseasePanel::rank()
{
    if (!m_graph)
        return;
    m_symptoms->commitTyped();
    m_gene->commitTyped();
    kg::RankQuery query;
    query.symptoms = m_symptoms->ids();
    const auto gene = m_gene->ids();
    if (!gene.empty())
        query.gene = gene.front();
    m_status->setText(tr("Ranking…"));
    m_work.start([graph = m_graph, query](const std::atomic<bool> *) {
        auto result = std::make_shared<Result>();
        result->graph = graph;
        result->geneAsked = !query.gene.empty();
        kg::RankOptions options;
        options.limit = kResults;
        result->ranking = kg::rankDiseases(*graph, query, options, &result->unknown);
        std::set<int> observed;
        for (const std::string &id : query.symptoms) {
            const int node = graph->findNode(id);
            if (node >= 0 && graph->nodes[static_cast<std::size_t>(node)].type == kg::ConceptType::Symptom)
                observed.insert(node);
        }
        result->observed = static_cast<int>(observed.size());
        return result;
    });
}

void RareDiseasePanel::showResult(const std::shared_ptr<Result> &result)
{
    if (!result || result->graph != m_graph)
        return; // ranked on a graph no longer shown
    m_ranking = result->ranking;
    m_observed = result->observed;
    m_geneAsked = result->geneAsked;
    m_ignored.clear();
    for (const std::string &id : result->unknown)
        m_ignored << QString::fromStdString(id);
    m_table->setRowCount(0);
    m_details->clear();
    m_table->setRowCount(static_cast<int>(m_ranking.size()));
    const QLocale locale;
    for (std::size_t i = 0; i < m_ranking.size(); ++i) {
        const kg::RankedDisease &r = m_ranking[i];
        const auto row = static_cast<int>(i);
        const kg::GraphNode &disease = m_graph->nodes[static_cast<std::size_t>(r.node)];
        int matched = 0;
        bool gene = false;
        for (const int e : r.matched_edges) {
            const kg::RelationType type = m_graph->edges[static_cast<std::size_t>(e)].type;
            matched += type == kg::RelationType::HasSymptom ? 1 : 0;
            gene = gene || type == kg::RelationType::CausedBy;
        }
        const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
        m_table->setItem(row, RankColumn, cell(QString::number(row + 1), right));
        auto *name = cell(QString::fromStdString(disease.name));
        name->setToolTip(QString::fromStdString(disease.concept_id));
        m_table->setItem(row, DiseaseColumn, name);
        m_table->setItem(row, RareColumn, cell(m_rare.count(disease.concept_id) ? tr("rare") : QString()));
        m_table->setItem(row, ScoreColumn, cell(locale.toString(r.score, 'f', 3), right));
        m_table->setItem(row, MatchedColumn, cell(tr("%1 of %2").arg(matched).arg(m_observed), right));
        m_table->setItem(row, GeneColumn, cell(!m_geneAsked ? QStringLiteral("—") : gene ? tr("matches") : tr("no")));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(DiseaseColumn, QHeaderView::Stretch);
    QString status = m_ranking.empty() ? tr("No disease in the graph has any of these symptoms.")
                                       : tr("%1 diseases ranked.").arg(m_ranking.size());
    if (!m_ignored.isEmpty())
        status += QLatin1Char(' ') + tr("Ignored (not in this graph): %1").arg(m_ignored.join(QStringLiteral(", ")));
    m_status->setText(status);
    if (!m_ranking.empty())
        selectDisease(0);
    Q_EMIT ranked();
}

void RareDiseasePanel::selectDisease(int row)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    m_table->selectRow(row); // itemSelectionChanged shows the details
}

void RareDiseasePanel::showDetails(int row)
{
    m_details->clear();
    if (!m_graph || row < 0 || static_cast<std::size_t>(row) >= m_ranking.size())
        return;
    const kg::RankedDisease &r = m_ranking[static_cast<std::size_t>(row)];
    auto group = [this](const QString &title, const std::vector<int> &edges) {
        auto *top = new QTreeWidgetItem(m_details, {tr("%1 (%2)").arg(title).arg(edges.size())});
        for (const int i : edges) {
            const kg::GraphEdge &e = m_graph->edges[static_cast<std::size_t>(i)];
            QString path = KgText::edge(nodeName(e.head), e.type, nodeName(e.tail));
            if (e.contradicted)
                path = tr("%1 (contradicted: review)").arg(path);
            int against = 0;
            for (const kg::EdgeEvidence &ev : e.evidence)
                against += ev.negated ? 1 : 0;
            auto *item = new QTreeWidgetItem(top, {path, KgText::confidence(e.confidence),
                                                   KgText::support(e.support, against)});
            item->setData(0, kEdgeRole, i);
            item->setToolTip(0, path + QLatin1Char('\n') + tr("Click to see the sentences behind this edge."));
        }
    };
    group(tr("Explanatory paths"), r.matched_edges);
    group(tr("Treatments"), r.treatment_edges);
    group(tr("Contraindications"), r.contraindication_edges);
    m_details->expandAll();
    m_details->resizeColumnToContents(1);
    m_details->resizeColumnToContents(2);

    std::vector<int> nodes{r.node};
    for (const int i : r.matched_edges) {
        const kg::GraphEdge &e = m_graph->edges[static_cast<std::size_t>(i)];
        for (const int n : {e.head, e.tail})
            if (std::find(nodes.begin(), nodes.end(), n) == nodes.end())
                nodes.push_back(n);
    }
    Q_EMIT pathsHighlighted(nodes, r.matched_edges);
}

} // namespace seekbench::ui
