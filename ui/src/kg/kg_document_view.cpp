#include "kg/kg_document_view.h"

#include "common/empty_state.h"
#include "kg/annotated_sentence_view.h"
#include "kg/kg_text.h"

#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace seekbench::ui {

namespace {

QLabel *wrappingLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The sentence an edge is best read from: its most confident supporting evidence.
const kg::EdgeEvidence *pickEvidence(const kg::GraphEdge &edge)
{
    const kg::EdgeEvidence *best = nullptr;
    for (const kg::EdgeEvidence &e : edge.evidence)
        if (!e.negated && (!best || e.confidence > best->confidence))
            best = &e;
    return best ? best : (edge.evidence.empty() ? nullptr : &edge.evidence.front());
}

} // namespace

KgDocumentView::KgDocumentView(std::shared_ptr<const projects::Project> project, QWidget *parent)
    : QWidget(parent), m_project(std::move(project)), m_stack(new QStackedWidget(this)), m_empty(new EmptyState(this)),
      m_work(this, [this](std::shared_ptr<KgSentencesData> data) { showData(data); })
{
    setObjectName(QStringLiteral("kgDocumentView"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget;
    m_title = wrappingLabel(content, QStringLiteral("kgDocumentTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_note = wrappingLabel(content, QStringLiteral("kgDocumentNote"));
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_sentence = new AnnotatedSentenceView(content);
    m_sentence->setObjectName(QStringLiteral("kgDocumentSentence"));
    m_contextTitle = wrappingLabel(content, QStringLiteral("kgDocumentContextTitle"));
    m_contextTitle->setFont(bold);
    m_context = new QWidget(content);
    m_contextLayout = new QVBoxLayout(m_context);
    m_contextLayout->setContentsMargins(0, 0, 0, 0);
    m_contextLayout->setSpacing(10);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_title);
    layout->addWidget(m_sentence);
    layout->addWidget(m_note);
    layout->addSpacing(8);
    layout->addWidget(m_contextTitle);
    layout->addWidget(m_context);
    layout->addStretch(1);
    scroll->setWidget(content);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(scroll);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    retranslate();
    showEmpty();
}

void KgDocumentView::setGraph(std::shared_ptr<const kg::KnowledgeGraph> graph, std::int64_t graphId)
{
    m_graph = std::move(graph);
    m_graphId = graphId;
    clear();
}

void KgDocumentView::clear()
{
    m_edge = -1;
    m_sentenceId.clear();
    m_documentId.clear();
    m_work.start([](const std::atomic<bool> *) { return std::shared_ptr<KgSentencesData>(); }); // drops one in flight
    showEmpty();
}

void KgDocumentView::showEmpty()
{
    m_stack->setCurrentWidget(m_empty);
    m_contextCount = 0;
}

void KgDocumentView::showEdge(int edge)
{
    if (!m_graph || edge < 0 || edge >= int(m_graph->edges.size()))
        return clear();
    const kg::EdgeEvidence *evidence = pickEvidence(m_graph->edges[std::size_t(edge)]);
    if (!evidence)
        return clear();
    m_edge = edge;
    m_sentenceId = evidence->sentence_id;
    const auto colon = m_sentenceId.rfind(':');
    m_documentId = colon == std::string::npos ? std::string() : m_sentenceId.substr(0, colon);
    std::vector<std::string> ids{m_sentenceId};
    if (!m_documentId.empty())
        for (int i = 0; i < kDocumentSentences; ++i) {
            std::string id = m_documentId + ':' + std::to_string(i);
            if (id != m_sentenceId)
                ids.push_back(std::move(id));
        }
    m_work.start([project = m_project, graphId = m_graphId, ids = std::move(ids)](const std::atomic<bool> *) {
        return KgGraphLoader::readSentences(*project, graphId, ids);
    });
}

void KgDocumentView::showData(const std::shared_ptr<KgSentencesData> &data)
{
    if (!data || data->graphId != m_graphId || data->requested.empty() || data->requested.front() != m_sentenceId)
        return; // cleared since, or another graph's
    while (QLayoutItem *item = m_contextLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_contextCount = 0;
    m_stack->setCurrentIndex(1);
    const kg::GraphEdge &edge = m_graph->edges[std::size_t(m_edge)];
    const QString edgeText = KgText::edge(QString::fromStdString(m_graph->nodes[std::size_t(edge.head)].name),
                                          edge.type,
                                          QString::fromStdString(m_graph->nodes[std::size_t(edge.tail)].name));
    m_title->setText(tr("Sentence %1 of document %2, evidence for %3")
                         .arg(QString::fromStdString(m_sentenceId), QString::fromStdString(m_documentId), edgeText));
    if (!data->error.isEmpty()) {
        m_sentence->hide();
        m_note->setText(data->error);
        m_contextTitle->hide();
        Q_EMIT shown();
        return;
    }
    const auto picked = std::find_if(data->sentences.begin(), data->sentences.end(),
                                     [&](const auto &s) { return s.sentence_id == m_sentenceId; });
    if (picked == data->sentences.end()) {
        m_sentence->hide();
        m_note->setText(tr("Sentence %1 is cited by the edge but not stored with the graph.")
                            .arg(QString::fromStdString(m_sentenceId)));
    } else {
        m_sentence->show();
        m_sentence->setSentence(*picked);
        const auto &head = m_graph->nodes[std::size_t(edge.head)], &tail = m_graph->nodes[std::size_t(edge.tail)];
        m_sentence->setEmphasisedRelation(
            AnnotatedSentenceView::findRelation(*picked, head.concept_id, tail.concept_id, edge.type));
        m_note->setText(m_sentence->problems().join(QLatin1Char('\n')));
    }
    for (const projects::KgSentenceRecord &s : data->sentences) {
        if (s.sentence_id == m_sentenceId)
            continue;
        auto *label = new QLabel(QString::fromStdString(s.sentence_id), m_context);
        label->setForegroundRole(QPalette::PlaceholderText);
        auto *view = new AnnotatedSentenceView(m_context);
        view->setObjectName(QStringLiteral("kgDocumentContextSentence"));
        view->setSentence(s);
        m_contextLayout->addWidget(label);
        m_contextLayout->addWidget(view);
        ++m_contextCount;
    }
    m_contextTitle->setVisible(m_contextCount > 0);
    Q_EMIT shown();
}

void KgDocumentView::retranslate()
{
    m_empty->setTitle(tr("No sentence picked"));
    m_empty->setText(tr("Click an edge in the graph, or a relation in Details: its most confident evidence sentence "
                        "shows here with the entities and relations the model found, beside the rest of its "
                        "document."));
    m_contextTitle->setText(tr("The rest of the document"));
}

} // namespace seekbench::ui
