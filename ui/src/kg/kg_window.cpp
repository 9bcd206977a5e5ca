#include "kg/kg_window.h"

#include "kg/kg_document_view.h"
#include "kg/kg_text.h"
#include "kg/provenance_panel.h"
#include "kg/rare_disease_panel.h"
#include "project/demo_offer.h"
#include "seekbench/projects/project.h"
#include "seekbench/widgets/graph_explorer_view.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace seekbench::ui {

namespace {

QString text(const std::string &s) { return QString::fromStdString(s); }

} // namespace

KgWindow::KgWindow(std::shared_ptr<const projects::Project> project, const QString &projectDir, QWidget *parent)
    : QMainWindow(parent), m_project(std::move(project)), m_projectDir(projectDir),
      m_cancelledLayouts(std::make_shared<std::atomic<int>>(0)),
      m_listWork(this, [this](std::shared_ptr<Listing> l) { onListed(l); }),
      m_layoutWork(this, [this](std::shared_ptr<LayoutOutcome> o) { onLayout(o); }),
      m_searchWork(this, [this](std::shared_ptr<SearchOutcome> o) { onSearched(o); }),
      m_expandWork(this, [this](std::shared_ptr<Expansion> e) { onExpanded(e); }),
      m_rareWork(this, [this](std::shared_ptr<RareOutcome> r) {
          if (r && r->graphId == m_shownId && r->known)
              m_rare->setRareConcepts(std::move(r->ids));
      })
{
    setObjectName(QStringLiteral("kgWindow"));
    resize(1360, 860);
    m_loader = new KgGraphLoader(m_project, this);
    m_pickerLabel = new QLabel(this);
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("kgGraphPicker"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("kgRefresh"));
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("kgGraphInfo"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("kgError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_errorLabel->hide();

    // The page without a graph: the template's demo, one click, and the commands by hand.
    auto *offerPage = new QWidget(this);
    m_offer = new DemoOffer(projectDir, QStringLiteral("kg"), m_project->isReadOnly(), offerPage);
    m_offerCommands = new QLabel(offerPage);
    m_offerCommands->setObjectName(QStringLiteral("kgOfferCommands"));
    m_offerCommands->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_offerCommands->setAlignment(Qt::AlignCenter);
    m_offerCommands->setForegroundRole(QPalette::PlaceholderText);
    auto *offerLayout = new QVBoxLayout(offerPage);
    offerLayout->addWidget(m_offer, 1);
    offerLayout->addWidget(m_offerCommands);
    offerLayout->addSpacing(24);

    m_explorerPage = new QWidget(this);
    m_toolbar = new KgExplorerToolbar(m_explorerPage);
    m_progressLabel = new QLabel(m_explorerPage);
    m_progressLabel->setObjectName(QStringLiteral("kgProgress"));
    m_progressLabel->setForegroundRole(QPalette::PlaceholderText);
    m_progressLabel->hide();
    m_explorer = new widgets::GraphExplorerView(m_explorerPage);
    m_explorer->setObjectName(QStringLiteral("kgExplorer"));
    auto *left = new QWidget(m_explorerPage);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_toolbar);
    leftLayout->addWidget(m_progressLabel);
    leftLayout->addWidget(m_explorer, 1);
    m_details = new ProvenancePanel(m_loader, m_explorerPage);
    m_rare = new RareDiseasePanel(m_explorerPage);
    m_document = new KgDocumentView(m_project, m_explorerPage);
    m_tabs = new QTabWidget(m_explorerPage);
    m_tabs->setObjectName(QStringLiteral("kgTabs"));
    m_tabs->addTab(m_details, QString());
    m_tabs->addTab(m_rare, QString());
    m_tabs->addTab(m_document, QString());
    auto *splitter = new QSplitter(Qt::Horizontal, m_explorerPage);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({800, 560});
    m_tabs->setMinimumWidth(420);
    auto *pageLayout = new QVBoxLayout(m_explorerPage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(splitter);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_explorerPage);
    m_pages->addWidget(offerPage);
    auto *top = new QHBoxLayout;
    top->addWidget(m_pickerLabel);
    top->addWidget(m_picker);
    top->addWidget(m_refresh);
    top->addSpacing(12);
    top->addWidget(m_info, 1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(top);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("kgStatus"));
    statusBar()->addWidget(m_status, 1);

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(150);
    connect(&m_searchDebounce, &QTimer::timeout, this, [this] { search(m_toolbar->searchField()->text(), false); });
    connect(m_loader, &KgGraphLoader::graphLoaded, this, &KgWindow::onGraphLoaded);
    connect(m_loader, &KgGraphLoader::graphFailed, this, &KgWindow::onGraphFailed);
    connect(m_picker, qOverload<int>(&QComboBox::activated), this,
            [this](int i) { setGraph(m_picker->itemData(i).toLongLong()); });
    connect(m_refresh, &QPushButton::clicked, this, &KgWindow::reload);
    connect(m_offer, &DemoOffer::ready, this, &KgWindow::reload);
    connect(m_toolbar, &KgExplorerToolbar::filtersChanged, this, &KgWindow::applyFilters);
    connect(m_toolbar, &KgExplorerToolbar::searchEdited, this, [this] { m_searchDebounce.start(); });
    connect(m_toolbar, &KgExplorerToolbar::searchSubmitted, this, [this](const QString &t) {
        m_searchDebounce.stop();
        search(t, true);
    });
    connect(m_toolbar, &KgExplorerToolbar::hitChosen, this, &KgWindow::selectNode);
    connect(m_toolbar, &KgExplorerToolbar::fitRequested, m_explorer, &widgets::GraphExplorerView::fitToView);
    connect(m_toolbar, &KgExplorerToolbar::clearFocusRequested, this, &KgWindow::clearFocus);
    connect(m_explorer, &widgets::GraphExplorerView::nodeClicked, this, [this](int node) {
        m_explorer->setSelectedNode(node);
        m_details->showNode(node);
        m_tabs->setCurrentWidget(m_details);
    });
    connect(m_explorer, &widgets::GraphExplorerView::edgeClicked, this, [this](int edge) {
        m_explorer->setSelectedEdge(edge);
        m_details->showEdge(edge);
        m_document->showEdge(edge);
        m_tabs->setCurrentWidget(m_details);
    });
    connect(m_explorer, &widgets::GraphExplorerView::nodeActivated, this, &KgWindow::expand);
    // An edge followed from Details or picked from a ranked disease's paths: the explorer
    // selects it and Details and Document show it.
    const auto showEdge = [this](int edge) {
        m_explorer->setSelectedEdge(edge);
        m_details->showEdge(edge);
        m_document->showEdge(edge);
        m_tabs->setCurrentWidget(m_details);
    };
    connect(m_details, &ProvenancePanel::edgeChosen, this, [this](int edge) {
        m_explorer->setSelectedEdge(edge);
        m_document->showEdge(edge);
    });
    connect(m_rare, &RareDiseasePanel::edgeChosen, this, showEdge);
    connect(m_rare, &RareDiseasePanel::pathsHighlighted, this, &KgWindow::showPaths);
    retranslate();
    reload();
}

KgWindow::~KgWindow() = default; // each LatestWork cancels its job and waits for it

void KgWindow::reload()
{
    m_listWork.start([project = m_project](const std::atomic<bool> *) {
        auto listing = std::make_shared<Listing>();
        try {
            listing->graphs = projects::KgStore(*project, true).graphs();
        } catch (const std::exception &e) {
            listing->error = tr("Cannot list the knowledge graphs of project %1: %2")
                                 .arg(text(project->dir().string()), QString::fromUtf8(e.what()));
        }
        return listing;
    });
}

void KgWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!event->spontaneous() && !m_listWork.isRunning())
        reload();
}

void KgWindow::closeEvent(QCloseEvent *event)
{
    cancelLayout(); // a layout nobody will see stops
    QMainWindow::closeEvent(event);
}

void KgWindow::onListed(const std::shared_ptr<Listing> &listing)
{
    if (!listing->error.isEmpty()) {
        showError(listing->error);
        Q_EMIT graphsListed();
        return;
    }
    m_graphs = listing->graphs;
    {
        const QSignalBlocker block(m_picker);
        m_picker->clear();
        for (const projects::KgGraphRecord &g : m_graphs) {
            const QString run = g.run_id.empty() ? tr("no run") : tr("run %1").arg(text(g.run_id));
            m_picker->addItem(tr("%1 — %2, %3, %L4 nodes / %L5 edges")
                                  .arg(text(g.name), text(g.extractor), run)
                                  .arg(g.node_count)
                                  .arg(g.edge_count),
                              qint64(g.id));
        }
    }
    m_picker->setEnabled(!m_graphs.empty());
    Q_EMIT graphsListed();
    if (m_graphs.empty()) {
        showNoGraph();
        return;
    }
    // The graph shown stays when it is still there; else the newest.
    setGraph(m_picker->findData(m_graphId) >= 0 ? m_graphId : qint64(m_graphs.front().id));
}

bool KgWindow::setGraph(qint64 graphId)
{
    const int i = m_picker->findData(graphId);
    if (i < 0)
        return false;
    m_picker->setCurrentIndex(i);
    if (graphId != m_graphId)
        cancelLayout(); // the graph it was for is no longer wanted
    m_graphId = graphId;
    m_errorLabel->hide();
    m_error.clear();
    showExplorerPage();
    m_loader->loadGraph(graphId);
    return true;
}

void KgWindow::showExplorerPage() { m_pages->setCurrentWidget(m_explorerPage); }

void KgWindow::showNoGraph()
{
    cancelLayout();
    m_graphId = m_shownId = 0;
    m_graph.reset();
    m_explorer->setGraph({}, {});
    m_info->clear();
    m_pages->setCurrentIndex(1);
    updateStatus();
}

QString KgWindow::errorText() const { return m_error; }
QString KgWindow::progressText() const { return m_progress; }
QString KgWindow::statusText() const { return m_status->text(); }

void KgWindow::retranslate()
{
    setWindowTitle(m_graph ? tr("Knowledge graph — %1 — %2").arg(text(m_record.name), m_projectDir)
                           : tr("Knowledge graph — %1").arg(m_projectDir));
    m_pickerLabel->setText(tr("Graph:"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Lists the project's graphs again."));
    m_tabs->setTabText(m_tabs->indexOf(m_details), tr("Details"));
    m_tabs->setTabText(m_tabs->indexOf(m_rare), tr("Rare disease"));
    m_tabs->setTabText(m_tabs->indexOf(m_document), tr("Document"));
    m_offerCommands->setText(tr("By hand: seekbench-cli kg generate --project %1 --name clinical --documents 600\n"
                                "then: seekbench-cli kg train --project %1 --config configs/kg_demo.yaml")
                                 .arg(m_projectDir));
    m_toolbar->retranslate();
    m_document->retranslate();
    updateStatus();
}

void KgWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

} // namespace seekbench::ui
