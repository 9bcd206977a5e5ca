#include "aml/aml_alerts_panel.h"

#include "aml/aml_text.h"
#include "project/demo_offer.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/transactions.h"
#include "seekbench/widgets/alert_timeline.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace seekbench::ui {

namespace {
// Lanes: the typologies in the generator's order, then alerts whose typology is unknown.
const char *const kTypologies[] = {"fan_out",        "fan_in",    "cycle", "scatter_gather",
                                   "gather_scatter", "bipartite", "stack"};

QString typologyTitle(const std::string &t)
{
    if (t == "fan_out")
        return AmlAlertsPanel::tr("fan-out");
    if (t == "fan_in")
        return AmlAlertsPanel::tr("fan-in");
    if (t == "cycle")
        return AmlAlertsPanel::tr("cycle");
    if (t == "scatter_gather")
        return AmlAlertsPanel::tr("scatter-gather");
    if (t == "gather_scatter")
        return AmlAlertsPanel::tr("gather-scatter");
    if (t == "bipartite")
        return AmlAlertsPanel::tr("bipartite");
    if (t == "stack")
        return AmlAlertsPanel::tr("stack");
    return AmlAlertsPanel::tr("unknown");
}

QString statusTitle(const std::string &s)
{
    if (s == "reviewing")
        return AmlAlertsPanel::tr("reviewing");
    if (s == "escalated")
        return AmlAlertsPanel::tr("escalated");
    if (s == "dismissed")
        return AmlAlertsPanel::tr("dismissed");
    return AmlAlertsPanel::tr("new");
}
} // namespace

AmlAlertsPanel::AmlAlertsPanel(std::shared_ptr<const projects::Project> project, QWidget *parent)
    : QWidget(parent), m_project(std::move(project))
{
    setObjectName(QStringLiteral("amlAlertsPanel"));
    m_timeline = new widgets::AlertTimeline(this);
    m_minScore = new QDoubleSpinBox(this);
    m_minScore->setObjectName(QStringLiteral("alertMinScore"));
    m_minScore->setRange(0, 1);
    m_minScore->setSingleStep(0.05);
    m_minScore->setDecimals(2);
    m_account = new QLineEdit(this);
    m_account->setObjectName(QStringLiteral("alertAccountFilter"));
    m_account->setPlaceholderText(tr("any account"));
    m_account->setClearButtonEnabled(true);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("alertsInfo"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Score ≥"), this));
    filters->addWidget(m_minScore);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Status:"), this));
    for (const auto &s : projects::amlAlertStatuses()) {
        auto *box = new QCheckBox(statusTitle(s), this);
        box->setObjectName(QStringLiteral("alertStatus_") + QString::fromStdString(s));
        box->setProperty("status", QString::fromStdString(s));
        box->setChecked(true);
        m_statusBoxes << box;
        filters->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this] { m_debounce.start(); });
    }
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Account:"), this));
    filters->addWidget(m_account, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_timeline);
    m_offer = new DemoOffer(QString::fromStdString(m_project->dir().string()), QStringLiteral("aml"),
                            m_project->isReadOnly(), m_pages);
    m_pages->addWidget(m_offer);
    connect(m_offer, &DemoOffer::ready, this, [this] { m_debounce.start(); });
    layout->addWidget(m_pages, 1);
    auto *legend
        = new QLabel(tr("Colour and size: severity (blue low, orange medium, red high). Height in a lane: score. "
                        "Wheel: zoom, drag: pan, double-click: all. Click an alert to open its case."),
                     this);
    legend->setWordWrap(true);
    layout->addWidget(legend);
    layout->addWidget(m_info);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, &AmlAlertsPanel::reload);
    connect(m_minScore, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this] { m_debounce.start(); });
    connect(m_account, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_timeline, &widgets::AlertTimeline::alertActivated, this, &AmlAlertsPanel::alertActivated);
    connect(&m_reader, &QFutureWatcher<Result>::finished, this, [this] {
        apply(m_reader.result());
        if (m_pending) {
            m_pending = false;
            reload();
        }
    });
}

AmlAlertsPanel::~AmlAlertsPanel() { m_reader.waitForFinished(); }

void AmlAlertsPanel::setRun(const QString &runId, const QString &model)
{
    m_runId = runId;
    m_model = model.isEmpty() ? QStringLiteral("graph") : model;
    reload();
}

void AmlAlertsPanel::setMinScore(double score)
{
    m_minScore->setValue(score);
    reload();
}

void AmlAlertsPanel::setStatuses(const QStringList &statuses)
{
    for (QCheckBox *b : m_statusBoxes) {
        const QSignalBlocker block(b);
        b->setChecked(statuses.contains(b->property("status").toString()));
    }
    reload();
}

void AmlAlertsPanel::setAccount(const QString &name)
{
    const QSignalBlocker block(m_account);
    m_account->setText(name);
    reload();
}

void AmlAlertsPanel::reload()
{
    m_debounce.stop();
    if (m_reader.isRunning()) {
        m_pending = true;
        return;
    }
    projects::AmlAlertQuery q;
    q.runId = m_runId.toStdString();
    q.model = m_model.toStdString();
    q.minScore = m_minScore->value();
    bool all = true;
    for (QCheckBox *b : m_statusBoxes) {
        if (b->isChecked())
            q.statuses.push_back(b->property("status").toString().toStdString());
        else
            all = false;
    }
    if (all)
        q.statuses.clear();
    else if (q.statuses.empty())
        q.limit = 0; // nothing checked: nothing shown
    m_reader.setFuture(QtConcurrent::run(&AmlAlertsPanel::query, m_project, q, m_account->text().trimmed()));
}

AmlAlertsPanel::Result AmlAlertsPanel::query(std::shared_ptr<const projects::Project> project,
                                             projects::AmlAlertQuery q, QString account)
{
    Result r;
    try {
        projects::AmlCaseStore store(*project);
        if (q.runId.empty()) {
            const auto latest = store.latestAlertRun();
            if (!latest) {
                r.error = tr("No alerts in this project yet.");
                r.noAlertRun = true;
                return r;
            }
            q.runId = latest->first;
            q.model = latest->second;
        }
        r.runId = QString::fromStdString(q.runId);
        r.model = QString::fromStdString(q.model);
        if (!account.isEmpty()) {
            const auto a = projects::TransactionStore(*project).accountByName(account.toStdString());
            if (!a) {
                r.error = tr("No account named %1 in this project.").arg(account);
                return r;
            }
            q.accountId = a->id;
        }
        r.alerts = store.alerts(q);
    } catch (const std::exception &e) {
        r.error = tr("Cannot read the alerts: %1").arg(QString::fromUtf8(e.what()));
    }
    return r;
}

void AmlAlertsPanel::apply(const Result &r)
{
    // A reload of the same run (a filter, a saved status) keeps the user's zoom.
    const bool sameRun = !m_alerts.empty() && r.runId == m_runId && r.model == m_model;
    const auto range = m_timeline->visibleRange();
    if (!r.runId.isEmpty()) {
        m_runId = r.runId;
        m_model = r.model;
    }
    m_alerts = r.alerts;
    // Lanes: only the typologies that occur, in a fixed order; unknown last.
    std::vector<std::string> order(std::begin(kTypologies), std::end(kTypologies));
    order.push_back("");
    std::vector<int> used(order.size(), 0);
    for (const auto &a : m_alerts) {
        const auto it = std::find(order.begin(), order.end(), a.typology);
        ++used[std::size_t(it == order.end() ? order.size() - 1 : it - order.begin())];
    }
    std::vector<int> laneOf(order.size(), 0);
    QStringList names;
    for (std::size_t i = 0; i < order.size(); ++i)
        if (used[i]) {
            laneOf[i] = int(names.size());
            names << typologyTitle(order[i]);
        }
    QVector<widgets::TimelineAlert> points;
    points.reserve(qsizetype(m_alerts.size()));
    for (const auto &a : m_alerts) {
        const auto it = std::find(order.begin(), order.end(), a.typology);
        const std::size_t t = std::size_t(it == order.end() ? order.size() - 1 : it - order.begin());
        const quint8 severity = a.severity == "high" ? 2 : a.severity == "medium" ? 1 : 0;
        points.push_back({a.id, a.ts, float(a.score), severity, quint8(laneOf[t])});
    }
    m_pages->setCurrentWidget(r.noAlertRun ? static_cast<QWidget *>(m_offer) : m_timeline);
    m_timeline->setLaneNames(names);
    m_timeline->setAlerts(points);
    if (sameRun)
        m_timeline->setVisibleRange(range.first, range.second);
    m_info->setText(r.error.isEmpty() ? tr("%n alert(s) of run %1 (%2 model)", nullptr, int(m_alerts.size()))
                                            .arg(m_runId, AmlText::model(m_model.toStdString()))
                                      : r.error);
    Q_EMIT alertsLoaded(int(m_alerts.size()));
}

} // namespace seekbench::ui
