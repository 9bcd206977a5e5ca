#include "pdm/policy_view.h"

#include "common/empty_state.h"
#include "pdm/policy_chart.h"
#include "pdm/policy_tables.h"
#include "seekbench/projects/pdm_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <stdexcept>
#include <utility>

namespace seekbench::ui {

namespace {

constexpr double kMoneyMax = 1e12, kHoursMax = 100000;

QString scheduleText(const std::vector<double> &days)
{
    QStringList parts;
    for (double d : days)
        parts << QString::number(d, 'g', 6);
    return parts.join(QStringLiteral(", "));
}

} // namespace

PolicyView::PolicyView(std::shared_ptr<const projects::Project> project, QWidget *parent)
    : QWidget(parent), m_project(std::move(project))
{
    setObjectName(QStringLiteral("pdmPolicyView"));
    m_pages = new QStackedWidget(this);
    m_empty = new EmptyState(m_pages);
    m_empty->setTitle(tr("Maintenance policies"));
    m_empty->setText(tr("Choose a predictive maintenance run to replay its test period under three policies."));
    m_pages->addWidget(m_empty);
    auto *page = new QWidget(m_pages);
    auto *columns = new QHBoxLayout(page);
    columns->addWidget(buildSettings());
    columns->addWidget(buildResults(), 1);
    m_pages->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &PolicyView::replayNow);
    connect(&m_loader, &QFutureWatcher<Loaded>::finished, this, [this] { loaded(m_loader.result()); });
    connect(&m_replayer, &QFutureWatcher<Replayed>::finished, this, &PolicyView::replayFinished);
    // The workers hold copies (project, replay, settings), never the view: closing it does not wait.
}

void PolicyView::addField(QWidget *field, const char *name, const QString &label, const QString &tip)
{
    field->setObjectName(QString::fromLatin1(name));
    field->setToolTip(tip);
    auto *text = new QLabel(label, this);
    text->setToolTip(tip);
    text->setBuddy(field);
    m_form->addRow(text, field);
}

QDoubleSpinBox *PolicyView::addNumber(const char *name, const QString &label, const QString &suffix, double min,
                                      double max, int decimals, const QString &tip)
{
    auto *box = new QDoubleSpinBox(this);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    box->setAlignment(Qt::AlignRight);
    box->setSingleStep(max >= 1e6 ? 500 : 1);
    addField(box, name, label, tip);
    connect(box, &QDoubleSpinBox::valueChanged, this, [this] { m_debounce.start(); });
    return box;
}

QWidget *PolicyView::buildSettings()
{
    auto *column = new QWidget(this);
    column->setMaximumWidth(430);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *box = new QGroupBox(tr("Settings"), column);
    m_form = new QFormLayout(box);
    m_unplannedCost = addNumber("pdmPolicyUnplannedCost", tr("Unplanned downtime cost"), tr(" per hour"), 0, kMoneyMax,
                                0,
                                tr("What an hour of unplanned downtime costs: a machine stopped by a failure "
                                   "(lost production, overtime, knock-on delays). In your currency."));
    m_plannedCost = addNumber("pdmPolicyPlannedCost", tr("Planned downtime cost"), tr(" per hour"), 0, kMoneyMax, 0,
                              tr("What an hour of planned downtime costs: a machine stopped for a scheduled or "
                                 "alert-driven action. In your currency."));
    m_partsCost = addNumber("pdmPolicyPartsCost", tr("Parts cost"), tr(" per action"), 0, kMoneyMax, 0,
                            tr("Parts used by one action, a corrective repair after a failure or a planned one. "
                               "In your currency."));
    m_crewCost = addNumber("pdmPolicyCrewCost", tr("Crew cost"), tr(" per action"), 0, kMoneyMax, 0,
                           tr("Crew labour for one action, corrective or planned. In your currency."));
    m_correctiveHours = addNumber("pdmPolicyCorrectiveHours", tr("Repair after a failure"), tr(" h"), 0, kHoursMax, 1,
                                  tr("How long a machine stands still after a failure until it is repaired."));
    m_plannedHours = addNumber("pdmPolicyPlannedHours", tr("Planned action"), tr(" h"), 0, kHoursMax, 1,
                               tr("How long a machine stands still for one planned action."));
    m_crewPerDay = new QSpinBox(this);
    m_crewPerDay->setRange(1, 100000);
    m_crewPerDay->setSuffix(tr(" a day"));
    m_crewPerDay->setAlignment(Qt::AlignRight);
    addField(m_crewPerDay, "pdmPolicyCrewPerDay", tr("Crew capacity"),
             tr("Predictive policy: planned actions the crews can do a day across the whole fleet. Crews act at "
                "the start of each day on the alerts ready by then, highest score first; the others wait for the "
                "next day."));
    connect(m_crewPerDay, &QSpinBox::valueChanged, this, [this] { m_debounce.start(); });
    m_responseHours = addNumber("pdmPolicyResponseHours", tr("Response time"), tr(" h"), 0, kHoursMax, 1,
                                tr("Predictive policy: time from an alert to the earliest action on it (reading "
                                   "the alert, getting parts, planning the stop)."));
    m_preventableDays = addNumber("pdmPolicyPreventableDays", tr("Preventable window"), tr(" days"), 0.1, 3650, 1,
                                  tr("Fixed schedule: how long before a failure its wear is visible and fixable. "
                                     "A scheduled action in that window avoids the failure; an earlier one does "
                                     "not."));
    m_scheduleDays = new QLineEdit(this);
    addField(m_scheduleDays, "pdmPolicyScheduleDays", tr("Schedule intervals (days)"),
             tr("Fixed schedule: the intervals, in days, to choose from. Each is tried on the validation machines "
                "and the cheapest is replayed on the test machines (on a tie, the longer one). Separate them with "
                "commas or spaces; a point for decimals."));
    connect(m_scheduleDays, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    m_cycleHours = addNumber("pdmPolicyCycleHours", tr("One cycle lasts"), tr(" h"), 0.01, kHoursMax, 2,
                             tr("Hours one cycle stands for, so that hourly costs and days apply to a fleet "
                                "counted in cycles."));
    layout->addWidget(box);

    m_error = new QLabel(column);
    m_error->setObjectName(QStringLiteral("pdmPolicyError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setStyleSheet(QStringLiteral("font-weight: bold"));
    layout->addWidget(m_error);
    m_reset = new QPushButton(tr("Reset to the run's settings"), column);
    m_reset->setObjectName(QStringLiteral("pdmPolicyReset"));
    m_reset->setToolTip(tr("Puts back the settings the run was evaluated with."));
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (m_replay) {
            setForm(m_replay->settings);
            replayNow();
        }
    });
    layout->addWidget(m_reset, 0, Qt::AlignLeft);

    auto *tuning = new QGroupBox(tr("Fixed schedule tuning"), column);
    auto *tuningLayout = new QVBoxLayout(tuning);
    m_tuningText = new QLabel(tuning);
    m_tuningText->setWordWrap(true);
    tuningLayout->addWidget(m_tuningText);
    m_tuning = makePolicyTable(0, 2, "pdmPolicyTuning", tuning);
    tuningLayout->addWidget(m_tuning);
    layout->addWidget(tuning);
    layout->addStretch(1);
    return column;
}

QWidget *PolicyView::buildResults()
{
    auto *column = new QWidget(this);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(column);
    m_title->setObjectName(QStringLiteral("pdmPolicyTitle"));
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_chart = new PolicyChart(column);
    layout->addWidget(m_chart, 1);
    auto *row = new QHBoxLayout;
    auto *results = new QGroupBox(tr("Test period, per policy"), column);
    auto *resultsLayout = new QVBoxLayout(results);
    m_table = makePolicyTable(0, 3, "pdmPolicyResults", results);
    resultsLayout->addWidget(m_table);
    row->addWidget(results, 3, Qt::AlignTop);
    auto *versus = new QGroupBox(tr("Predictive maintenance against the others"), column);
    auto *versusLayout = new QVBoxLayout(versus);
    m_reductions = makePolicyTable(3, 3, "pdmPolicyReductions", versus);
    versusLayout->addWidget(m_reductions);
    m_note = new QLabel(tr("The article's figures come from a car plant. Ours come from replaying this fleet's test "
                           "period and will differ: the fleet is simulated, the costs are the ones set here, the "
                           "crews can act on only so many machines a day, and the predictive policy acts on this "
                           "model's alerts, false ones included."),
                        versus);
    m_note->setWordWrap(true);
    versusLayout->addWidget(m_note);
    row->addWidget(versus, 2, Qt::AlignTop);
    layout->addLayout(row);
    return column;
}

void PolicyView::showRun(const QString &runId)
{
    m_runId = runId;
    m_replay.reset();
    m_hasComparison = false;
    ++m_generation; // a replay of the previous run still running is dropped
    m_empty->setTitle(tr("Loading run %1…").arg(runId));
    m_empty->setText(QString());
    m_pages->setCurrentWidget(m_empty);
    m_loader.setFuture(QtConcurrent::run(&PolicyView::load, m_project, runId));
}

PolicyView::Loaded PolicyView::load(std::shared_ptr<const projects::Project> project, QString runId)
{
    Loaded r;
    r.runId = runId;
    r.thread = QThread::currentThread();
    try {
        projects::PdmResultStore store(*project, true);
        const std::string id = runId.toStdString();
        const auto record = store.run(id);
        if (!record) {
            r.error = tr("Run %1 has no predictive maintenance results in this project.").arg(runId);
            return r;
        }
        auto replay = std::make_shared<pdm::PolicyReplay>(store.replay(id));
        QString name;
        try {
            // The CLI's and tests' runs may have no run row; the id then names the run.
            if (const auto run = projects::RunStore(*project).findRun(id))
                name = QString::fromStdString(run->name);
        } catch (const std::exception &) {
        }
        r.title = tr("%1 — fleet %2: the test period of %3 machines replayed, with %4 of the model's alerts.")
                      .arg(name.isEmpty() ? runId : name, QString::fromStdString(record->fleet),
                           QLocale().toString(qlonglong(replay->test.size())),
                           QLocale().toString(qlonglong(replay->test_alerts.size())));
        r.comparison = pdm::replayPolicies(*replay, replay->settings);
        r.replay = std::move(replay);
    } catch (const std::exception &e) {
        r.error = tr("Run %1's policy replay cannot be read: %2").arg(runId, QString::fromStdString(e.what()));
    }
    return r;
}

void PolicyView::loaded(const Loaded &result)
{
    if (result.runId != m_runId)
        return;
    if (!result.error.isEmpty()) {
        m_empty->setTitle(tr("No policy replay for run %1").arg(result.runId));
        m_empty->setText(result.error);
        Q_EMIT failed(result.error);
        return;
    }
    m_replay = result.replay;
    m_title->setText(result.title);
    m_form->setRowVisible(m_cycleHours, m_replay->unit == pdm::TimeUnit::Cycles);
    setForm(m_replay->settings);
    m_error->setVisible(false);
    m_pages->setCurrentIndex(1);
    apply(m_replay->settings, result.comparison, result.thread);
}

void PolicyView::setForm(const pdm::PolicySettings &s)
{
    m_unplannedCost->setValue(s.unplanned_cost_per_hour);
    m_plannedCost->setValue(s.planned_cost_per_hour);
    m_partsCost->setValue(s.parts_cost);
    m_crewCost->setValue(s.crew_cost);
    m_correctiveHours->setValue(s.corrective_downtime_hours);
    m_plannedHours->setValue(s.planned_downtime_hours);
    m_crewPerDay->setValue(s.crew_per_day);
    m_responseHours->setValue(s.response_hours);
    m_preventableDays->setValue(s.preventable_days);
    m_scheduleDays->setText(scheduleText(s.schedule_days));
    m_cycleHours->setValue(s.cycle_hours);
    m_debounce.stop(); // the callers replay these settings themselves
}

bool PolicyView::readForm(pdm::PolicySettings &s)
{
    s = m_replay ? m_replay->settings : pdm::PolicySettings{};
    s.unplanned_cost_per_hour = m_unplannedCost->value();
    s.planned_cost_per_hour = m_plannedCost->value();
    s.parts_cost = m_partsCost->value();
    s.crew_cost = m_crewCost->value();
    s.corrective_downtime_hours = m_correctiveHours->value();
    s.planned_downtime_hours = m_plannedHours->value();
    s.crew_per_day = m_crewPerDay->value();
    s.response_hours = m_responseHours->value();
    s.preventable_days = m_preventableDays->value();
    s.cycle_hours = m_cycleHours->value();
    s.schedule_days.clear();
    const QString grid = tr("Schedule intervals");
    const QStringList parts = m_scheduleDays->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")),
                                                           Qt::SkipEmptyParts);
    QString problem = parts.isEmpty() ? tr("%1: enter at least one interval in days, e.g. 7, 14, 30.").arg(grid)
                                      : QString();
    for (const QString &part : parts) {
        bool ok = false;
        const double d = part.toDouble(&ok);
        if (!ok || !std::isfinite(d) || d <= 0) {
            problem = tr("%1: “%2” is not a positive number of days.").arg(grid, part);
            break;
        }
        s.schedule_days.push_back(d);
    }
    if (problem.isEmpty()) {
        try {
            pdm::validatePolicySettings(s);
        } catch (const std::invalid_argument &e) {
            problem = tr("The settings are not valid: %1").arg(QString::fromStdString(e.what()));
        }
    }
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    return problem.isEmpty();
}

QString PolicyView::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void PolicyView::replayNow()
{
    m_debounce.stop();
    if (!m_replay)
        return;
    ++m_generation; // a replay still running is of settings the user has since changed: dropped
    pdm::PolicySettings s;
    if (!readForm(s)) {
        setOutOfDate(m_hasComparison);
        return;
    }
    m_pending = m_replayer.isRunning(); // one worker at a time; the newest starts when it is done
    if (!m_pending)
        m_replayer.setFuture(QtConcurrent::run(&PolicyView::replay, m_replay, s, m_generation));
}

PolicyView::Replayed PolicyView::replay(std::shared_ptr<const pdm::PolicyReplay> replay, pdm::PolicySettings settings,
                                        quint64 generation)
{
    Replayed r;
    r.generation = generation;
    r.settings = settings;
    r.thread = QThread::currentThread();
    try {
        r.comparison = pdm::replayPolicies(*replay, settings);
    } catch (const std::exception &e) {
        r.error = QString::fromStdString(e.what());
    }
    return r;
}

void PolicyView::replayFinished()
{
    const Replayed r = m_replayer.result();
    if (std::exchange(m_pending, false))
        replayNow();
    if (r.generation != m_generation)
        return; // stale: newer settings were asked for since
    if (!r.error.isEmpty()) {
        m_error->setText(tr("The settings are not valid: %1").arg(r.error));
        m_error->setVisible(true);
        setOutOfDate(m_hasComparison);
        return;
    }
    apply(r.settings, r.comparison, r.thread);
}

void PolicyView::apply(const pdm::PolicySettings &settings, const pdm::PolicyComparison &comparison, QThread *thread)
{
    m_shownSettings = settings;
    m_comparison = comparison;
    m_replayThread = thread;
    m_hasComparison = true;
    m_chart->setPolicies(policyBars(comparison));
    fillPolicyResults(m_table, comparison);
    fillPolicyReductions(m_reductions, comparison);
    fillScheduleTuning(m_tuning, m_tuningText, comparison.schedule_tuning);
    setOutOfDate(false);
    Q_EMIT replayed();
}

void PolicyView::setOutOfDate(bool outOfDate)
{
    m_outOfDate = outOfDate;
    m_chart->setOutOfDate(outOfDate);
    for (QTableWidget *t : {m_table, m_reductions, m_tuning})
        t->setEnabled(!outOfDate);
}

} // namespace seekbench::ui
