#include "aml/aml_case_view.h"

#include "aml/aml_text.h"

#include "aml/aml_report_writer.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/projects/project.h"
#include "seekbench/widgets/activity_chart.h"
#include "seekbench/widgets/ego_graph_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <unordered_map>

namespace seekbench::ui {

namespace {
constexpr int kSliderSteps = 1000;

} // namespace

AmlCaseView::AmlCaseView(std::shared_ptr<const projects::Project> project, QWidget *parent)
    : QWidget(parent), m_project(std::move(project)), m_loader(new AmlCaseLoader(m_project, this))
{
    setObjectName(QStringLiteral("amlCaseView"));
    m_title = new QLabel(tr("Select an alert on the timeline to open its case."), this);
    m_title->setObjectName(QStringLiteral("caseTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_title->setFont(f);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("caseSummary"));
    m_summary->setWordWrap(true);
    m_graph = new widgets::EgoGraphView(this);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("caseTimeSlider"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setValue(kSliderSteps);
    m_slider->setToolTip(tr("Show the transaction graph as it was at this time"));
    m_timeLabel = new QLabel(this);
    m_timeLabel->setObjectName(QStringLiteral("caseTimeLabel"));
    m_activity = new widgets::ActivityChart(this);
    m_reasons = new QListWidget(this);
    m_reasons->setObjectName(QStringLiteral("caseReasons"));
    // Each reason wraps to the panel's width instead of running off under a scroll bar.
    m_reasons->setWordWrap(true);
    m_reasons->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_reasons->setTextElideMode(Qt::ElideNone);
    m_reasons->setResizeMode(QListView::Adjust);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("caseStatus"));
    for (const auto &s : projects::amlAlertStatuses())
        m_status->addItem(AmlText::status(s), QString::fromStdString(s));
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("caseNotes"));
    m_notes->setPlaceholderText(tr("Notes on this case, saved in the project"));
    m_save = new QPushButton(tr("Save notes"), this);
    m_save->setObjectName(QStringLiteral("caseSaveNotes"));
    m_export = new QPushButton(tr("Export report…"), this);
    m_export->setObjectName(QStringLiteral("caseExportReport"));

    auto *graphBox = new QWidget(this);
    auto *gl = new QVBoxLayout(graphBox);
    gl->setContentsMargins(0, 0, 0, 0);
    gl->addWidget(m_graph, 1);
    auto *sliderRow = new QHBoxLayout;
    sliderRow->addWidget(new QLabel(tr("Up to"), this));
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_timeLabel);
    auto *fit = new QToolButton(this);
    fit->setObjectName(QStringLiteral("caseGraphFit"));
    fit->setDefaultAction(m_graph->fitAction());
    sliderRow->addWidget(fit);
    gl->addLayout(sliderRow);
    gl->addWidget(m_activity);

    auto *side = new QWidget(this);
    auto *sl = new QVBoxLayout(side);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->addWidget(new QLabel(tr("Reasons"), this));
    sl->addWidget(m_reasons, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Status"), m_status);
    sl->addLayout(form);
    sl->addWidget(new QLabel(tr("Notes"), this));
    sl->addWidget(m_notes, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    sl->addLayout(buttons);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(graphBox);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    setEnabled(true);
    m_status->setEnabled(false);
    m_notes->setEnabled(false);
    m_save->setEnabled(false);
    m_export->setEnabled(false);

    connect(m_loader, &AmlCaseLoader::loaded, this, [this](std::shared_ptr<AmlCaseData> d) { showCase(std::move(d)); });
    connect(m_loader, &AmlCaseLoader::failed, this, &AmlCaseView::showError);
    connect(m_slider, &QSlider::valueChanged, this, &AmlCaseView::sliderMoved);
    connect(m_status, qOverload<int>(&QComboBox::activated), this, [this] { saveAnalystChanges(); });
    connect(m_save, &QPushButton::clicked, this, [this] { saveAnalystChanges(); });
    connect(m_export, &QPushButton::clicked, this, &AmlCaseView::chooseReport);
}

void AmlCaseView::openAlert(qint64 alertId)
{
    m_title->setText(tr("Opening alert #%1…").arg(alertId));
    m_loader->loadAlert(alertId);
}

void AmlCaseView::openAccount(const QString &name)
{
    m_title->setText(tr("Opening account %1…").arg(name));
    m_loader->loadAccount(name);
}

qint64 AmlCaseView::alertId() const { return m_data && m_data->report.alert ? m_data->report.alert->id : -1; }

void AmlCaseView::showError(const QString &message)
{
    m_lastError = message;
    m_title->setText(tr("Cannot open the case"));
    m_summary->setText(message);
    Q_EMIT caseFailed(message);
}

void AmlCaseView::showCase(std::shared_ptr<AmlCaseData> data)
{
    m_data = std::move(data);
    m_lastError.clear();
    const projects::AmlCase &c = m_data->report;
    const QString account = QString::fromStdString(c.account.name);
    if (c.alert) {
        m_title->setText(tr("Alert #%1 — account %2").arg(c.alert->id).arg(account));
        m_summary->setText(
            tr("Score %1 (threshold %2, %3 severity); %4 transfers of the account; %n traced chain(s)%5.", nullptr,
               int(c.trace.chains.size()))
                .arg(QString::number(c.alert->score, 'f', 3), QString::number(c.alert->threshold, 'f', 3),
                     AmlText::severity(c.alert->severity))
                .arg(c.transactions.size())
                .arg(m_data->network.truncated ? tr("; the graph is truncated at its caps") : QString()));
    } else {
        m_title->setText(tr("Account %1").arg(account));
        m_summary->setText(
            tr("%1 transfers; %n traced chain(s).", nullptr, int(c.trace.chains.size())).arg(c.transactions.size()));
    }
    // The graph: nodes and edges by index, in the order the layout (computed off the GUI
    // thread) saw them.
    std::unordered_map<std::int64_t, int> index;
    QVector<widgets::EgoGraphNode> nodes;
    for (const auto &n : m_data->network.nodes) {
        index[n.accountId] = int(nodes.size());
        nodes.push_back({n.accountId, QString::fromStdString(n.name), n.hop, n.label == 1});
    }
    QVector<widgets::EgoGraphEdge> edges;
    for (const auto &e : m_data->network.edges)
        edges.push_back({e.txId, index[e.from], index[e.to], e.ts, e.amount});
    m_graph->setGraph(nodes, edges);
    m_graph->setGraphLayout(m_data->layout);
    QSet<qint64> chainTx;
    for (const auto &chain : c.trace.chains)
        for (const auto &h : chain.hops)
            chainTx.insert(h.txId);
    m_graph->setHighlighted(chainTx);
    m_t0 = edges.isEmpty() ? 0 : edges.front().ts;
    m_t1 = edges.isEmpty() ? 1 : std::max(edges.back().ts, m_t0 + 1);
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(kSliderSteps);
    }
    sliderMoved(kSliderSteps);
    QVector<widgets::ActivityDay> days;
    for (const auto &d : m_data->activity)
        days.push_back({d.dayTs, d.amountIn, d.amountOut});
    double markTs = -1;
    if (c.alert)
        for (const auto &t : c.transactions)
            if (t.id == c.alert->txId)
                markTs = t.ts;
    m_activity->setDays(days, markTs);
    m_reasons->clear();
    for (const auto &r : c.reasons)
        m_reasons->addItem(AmlText::reason(r));
    const bool isAlert = c.alert.has_value();
    // A read-only project (Project::isReadOnly) shows the status and notes but cannot
    // save them: the controls that write are off, and say why.
    const bool writable = !m_project->isReadOnly();
    m_status->setEnabled(isAlert && writable);
    m_notes->setEnabled(isAlert);
    m_notes->setReadOnly(!writable);
    m_save->setEnabled(isAlert && writable);
    const QString why = writable ? QString() : tr("The project is read-only: the status and notes cannot be saved.");
    m_status->setToolTip(why);
    m_notes->setToolTip(why);
    m_save->setToolTip(why);
    m_export->setEnabled(true);
    if (isAlert) {
        m_status->setCurrentIndex(std::max(0, m_status->findData(QString::fromStdString(c.alert->status))));
        m_notes->setPlainText(QString::fromStdString(c.alert->notes));
    } else {
        m_notes->clear();
    }
    Q_EMIT caseOpened(alertId());
}

void AmlCaseView::sliderMoved(int value)
{
    const double t = value >= kSliderSteps ? m_t1 : m_t0 + (m_t1 - m_t0) * value / kSliderSteps;
    m_graph->setCutoff(t);
    m_timeLabel->setText(QDateTime::fromSecsSinceEpoch(qint64(t), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

void AmlCaseView::setTimeCutoff(double ts)
{
    const int v = m_t1 > m_t0 ? int(std::clamp((ts - m_t0) / (m_t1 - m_t0), 0.0, 1.0) * kSliderSteps) : kSliderSteps;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(v);
    }
    m_graph->setCutoff(ts);
    m_timeLabel->setText(
        QDateTime::fromSecsSinceEpoch(qint64(ts), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

double AmlCaseView::timeCutoff() const { return m_graph->cutoff(); }

bool AmlCaseView::hasUnsavedChanges() const
{
    if (!m_data || !m_data->report.alert)
        return false;
    const auto &alert = *m_data->report.alert;
    return m_status->currentData().toString().toStdString() != alert.status
           || m_notes->toPlainText().toStdString() != alert.notes;
}

bool AmlCaseView::saveAnalystChanges()
{
    if (!m_data || !m_data->report.alert)
        return false;
    if (m_project->isReadOnly()) {
        m_lastError = tr("the project is read-only");
        Q_EMIT message(tr("Cannot save the case: %1").arg(m_lastError));
        return false;
    }
    auto &alert = *m_data->report.alert;
    const std::string status = m_status->currentData().toString().toStdString();
    const std::string notes = m_notes->toPlainText().toStdString();
    try {
        // One write, kept with the alert's transaction across thresholds (as `aml alert set`).
        projects::AmlCaseStore(*m_project)
            .review(alert.id, status != alert.status ? std::optional(status) : std::nullopt,
                    notes != alert.notes ? std::optional(notes) : std::nullopt);
    } catch (const std::exception &e) {
        m_lastError = QString::fromUtf8(e.what());
        Q_EMIT message(tr("Cannot save the case: %1").arg(m_lastError));
        return false;
    }
    alert.status = status;
    alert.notes = notes;
    m_data->report.notes = notes;
    Q_EMIT alertChanged(alert.id);
    Q_EMIT message(tr("Saved alert #%1").arg(alert.id));
    return true;
}

QString AmlCaseView::exportReport(const QString &path)
{
    if (!m_data)
        return tr("No case is open.");
    saveAnalystChanges();
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString error = suffix == QLatin1String("pdf") ? AmlReportWriter::writePdf(m_data->report, path)
                                                         : AmlReportWriter::writeHtml(m_data->report, path);
    Q_EMIT message(error.isEmpty() ? tr("Wrote %1").arg(path) : error);
    return error;
}

void AmlCaseView::chooseReport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export case report"), QString(),
                                                      tr("PDF (*.pdf);;HTML (*.html)"));
    if (!path.isEmpty())
        exportReport(path);
}

} // namespace seekbench::ui
