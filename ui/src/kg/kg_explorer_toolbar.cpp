#include "kg/kg_explorer_toolbar.h"

#include "kg/kg_text.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace seekbench::ui {

namespace {
constexpr int kNodeRole = Qt::UserRole + 1;
}

projects::KgEdgeFilter KgExplorerFilters::edgeFilter() const
{
    projects::KgEdgeFilter f;
    f.node_types = nodeTypes;
    f.relation_types = relationTypes;
    f.min_confidence = minConfidence;
    f.contradicted_only = contradictionsOnly;
    return f;
}

KgExplorerToolbar::KgExplorerToolbar(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_completer(new QCompleter(this)),
      m_hits(new QStandardItemModel(this)), m_nodeLabel(new QLabel(this)), m_relationLabel(new QLabel(this)),
      m_confidenceLabel(new QLabel(this)), m_confidence(new QSlider(Qt::Horizontal, this)),
      m_contradictions(new QCheckBox(this)), m_candidates(new QCheckBox(this)), m_neighbourhood(new QCheckBox(this)),
      m_fit(new QPushButton(this)), m_clearFocus(new QPushButton(this))
{
    setObjectName(QStringLiteral("kgExplorerToolbar"));
    m_search->setObjectName(QStringLiteral("kgSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(210);
    // The store has already matched names and forms (contains, normalised): show its hits as
    // they are, in its order, rather than filtering them again by prefix.
    m_completer->setModel(m_hits);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_search->setCompleter(m_completer);
    m_confidence->setObjectName(QStringLiteral("kgMinConfidence"));
    m_confidence->setRange(0, 100);
    m_confidence->setFixedWidth(110);
    m_contradictions->setObjectName(QStringLiteral("kgContradictionsOnly"));
    m_candidates->setObjectName(QStringLiteral("kgCandidatesOnly"));
    m_neighbourhood->setObjectName(QStringLiteral("kgNeighbourhoodOnly"));
    m_fit->setObjectName(QStringLiteral("kgFit"));
    m_clearFocus->setObjectName(QStringLiteral("kgClearFocus"));
    m_clearFocus->setEnabled(false);

    // Three short rows, so that the explorer keeps its width beside the tabs.
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_fit);
    top->addSpacing(8);
    top->addWidget(m_neighbourhood);
    top->addWidget(m_clearFocus);
    top->addSpacing(8);
    top->addWidget(m_confidenceLabel);
    top->addWidget(m_confidence);
    auto *concepts = new QHBoxLayout;
    concepts->addWidget(m_nodeLabel);
    m_nodeTypes.resize(kg::kConceptTypes);
    for (int t = 0; t < kg::kConceptTypes; ++t) {
        auto *box = new QCheckBox(this);
        box->setObjectName(QStringLiteral("kgNodeType%1").arg(t));
        box->setChecked(true);
        concepts->addWidget(box);
        m_nodeTypes[t] = box;
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_settingFilters)
                Q_EMIT filtersChanged();
        });
    }
    concepts->addStretch(1);
    concepts->addWidget(m_contradictions);
    concepts->addWidget(m_candidates);
    auto *relations = new QHBoxLayout;
    relations->addWidget(m_relationLabel);
    m_relations.resize(kg::kRelationTypes);
    for (int t = 1; t < kg::kRelationTypes; ++t) { // None is never an edge
        auto *box = new QCheckBox(this);
        box->setObjectName(QStringLiteral("kgRelation%1").arg(t));
        box->setChecked(true);
        relations->addWidget(box);
        m_relations[t] = box;
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_settingFilters)
                Q_EMIT filtersChanged();
        });
    }
    relations->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addLayout(concepts);
    layout->addLayout(relations);

    for (QCheckBox *box : {m_contradictions, m_candidates, m_neighbourhood})
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_settingFilters)
                Q_EMIT filtersChanged();
        });
    connect(m_confidence, &QSlider::valueChanged, this, [this] {
        retranslate(); // the label shows the value
        if (!m_settingFilters)
            Q_EMIT filtersChanged();
    });
    connect(m_search, &QLineEdit::textEdited, this, &KgExplorerToolbar::searchEdited);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { Q_EMIT searchSubmitted(m_search->text()); });
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, [this](const QModelIndex &index) {
        const int node = index.data(kNodeRole).toInt();
        if (index.isValid())
            Q_EMIT hitChosen(node);
    });
    connect(m_fit, &QPushButton::clicked, this, &KgExplorerToolbar::fitRequested);
    connect(m_clearFocus, &QPushButton::clicked, this, &KgExplorerToolbar::clearFocusRequested);
    retranslate();
}

KgExplorerFilters KgExplorerToolbar::filters() const
{
    KgExplorerFilters f;
    f.nodeTypes = 0;
    for (int t = 0; t < m_nodeTypes.size(); ++t)
        if (m_nodeTypes[t]->isChecked())
            f.nodeTypes |= 1u << t;
    f.relationTypes = 0;
    for (int t = 1; t < m_relations.size(); ++t)
        if (m_relations[t]->isChecked())
            f.relationTypes |= 1u << t;
    f.minConfidence = m_confidence->value() / 100.0;
    f.contradictionsOnly = m_contradictions->isChecked();
    f.candidatesOnly = m_candidates->isChecked();
    f.neighbourhoodOnly = m_neighbourhood->isChecked();
    return f;
}

void KgExplorerToolbar::setFilters(const KgExplorerFilters &filters)
{
    m_settingFilters = true;
    for (int t = 0; t < m_nodeTypes.size(); ++t)
        m_nodeTypes[t]->setChecked(filters.nodeTypes & (1u << t));
    for (int t = 1; t < m_relations.size(); ++t)
        m_relations[t]->setChecked(filters.relationTypes & (1u << t));
    m_confidence->setValue(int(std::lround(std::clamp(filters.minConfidence, 0.0, 1.0) * 100)));
    m_contradictions->setChecked(filters.contradictionsOnly);
    m_candidates->setChecked(filters.candidatesOnly);
    m_neighbourhood->setChecked(filters.neighbourhoodOnly);
    m_settingFilters = false;
    Q_EMIT filtersChanged();
}

void KgExplorerToolbar::setHits(const QString &query, const QVector<KgSearchHit> &hits)
{
    if (query != m_search->text())
        return; // typed on since
    m_hits->clear();
    for (const KgSearchHit &hit : hits) {
        auto *item = new QStandardItem(hit.text);
        item->setData(hit.node, kNodeRole);
        item->setEditable(false);
        m_hits->appendRow(item);
    }
    if (!hits.isEmpty() && m_search->hasFocus())
        m_completer->complete();
    else if (hits.isEmpty())
        m_completer->popup()->hide();
}

void KgExplorerToolbar::setFocusActive(bool active) { m_clearFocus->setEnabled(active); }

void KgExplorerToolbar::retranslate()
{
    m_search->setPlaceholderText(tr("Search by name or synonym…"));
    m_nodeLabel->setText(tr("Concepts:"));
    m_relationLabel->setText(tr("Relations:"));
    for (int t = 0; t < m_nodeTypes.size(); ++t)
        m_nodeTypes[t]->setText(KgText::conceptType(kg::ConceptType(t)));
    for (int t = 1; t < m_relations.size(); ++t)
        m_relations[t]->setText(KgText::relation(kg::RelationType(t)));
    m_confidenceLabel->setText(tr("Confidence ≥ %1").arg(KgText::confidence(m_confidence->value() / 100.0)));
    m_confidence->setToolTip(tr("Hides the edges whose aggregated confidence is below this."));
    m_contradictions->setText(tr("Contradictions only"));
    m_contradictions->setToolTip(
        tr("Only the edges flagged for review: a drug said to treat a disease and to be contraindicated for it."));
    m_candidates->setText(tr("Candidates only"));
    m_candidates->setToolTip(tr("Only the concepts not linked to the ontology (new candidates, to review), with "
                                "their neighbours."));
    m_neighbourhood->setText(tr("Show neighbourhood only"));
    m_neighbourhood->setToolTip(
        tr("Double-click a concept to expand its neighbourhood; with this on, the rest of the graph is hidden."));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Shows the whole graph (Home)."));
    m_clearFocus->setText(tr("Clear focus"));
}

} // namespace seekbench::ui
