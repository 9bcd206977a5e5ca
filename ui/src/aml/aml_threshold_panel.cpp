#include "aml/aml_threshold_panel.h"

#include "aml/aml_text.h"

#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/replies/aml_replies.h"
#include "seekbench/widgets/threshold_curve_view.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace seekbench::ui {

AmlThresholdPanel::AmlThresholdPanel(std::shared_ptr<const projects::Project> project, const QString &projectDir,
                                     QWidget *parent)
    : QWidget(parent), m_project(std::move(project)), m_projectDir(projectDir), m_cli(new CliClient(this))
{
    setObjectName(QStringLiteral("amlThresholdPanel"));
    m_view = new widgets::ThresholdCurveView(this);
    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("thresholdInfo"));
    m_info->setWordWrap(true);
    m_apply = new QPushButton(tr("Apply threshold: re-create the alerts"), this);
    m_apply->setObjectName(QStringLiteral("applyThreshold"));
    m_apply->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Drag the dashed line to move the operating point. The curve and the figures are the run's "
                      "validation months, where its threshold was chosen; its test months are reported once, in the "
                      "run's figures, and are not tuned on here."),
                   this));
    layout->addWidget(m_view, 1);
    layout->addWidget(m_info);
    layout->addWidget(m_apply, 0, Qt::AlignLeft);
    connect(m_view, &widgets::ThresholdCurveView::thresholdChanged, this, &AmlThresholdPanel::showPoint);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
}

bool AmlThresholdPanel::setRun(const QString &runId, const QString &model)
{
    m_runId = runId;
    m_model = model;
    try {
        projects::AmlResultStore results(*m_project);
        // The validation months' curve; a run stored before it was kept (schema 7) has only
        // the test months', shown as such.
        auto curve = results.curve(runId.toStdString(), model.toStdString(), "validation");
        m_onValidation = curve.has_value();
        if (!curve)
            curve = results.curve(runId.toStdString(), model.toStdString(), "test");
        const auto th = results.threshold(runId.toStdString(), model.toStdString());
        if (!curve || !th) {
            m_info->setText(
                tr("Run %1 has no operating curve for the %2 model.").arg(runId, AmlText::model(model.toStdString())));
            m_apply->setEnabled(false);
            return false;
        }
        const QJsonArray points = QJsonDocument::fromJson(QByteArray::fromStdString(curve->pointsJson)).array();
        QVector<widgets::ThresholdPoint> pts;
        for (const QJsonValue &v : points) {
            const QJsonObject o = v.toObject();
            pts.push_back({o.value(QStringLiteral("threshold")).toDouble(),
                           o.value(QStringLiteral("precision")).toDouble(), o.value(QStringLiteral("recall")).toDouble(),
                           o.value(QStringLiteral("fpr")).toDouble(), o.value(QStringLiteral("alerts")).toDouble()});
        }
        m_days = curve->days > 0 ? curve->days : (th->days > 0 ? th->days : 1);
        m_stored = th->threshold;
        m_view->setCurve(pts);
        m_view->setThreshold(m_stored);
    } catch (const std::exception &e) {
        m_info->setText(tr("Cannot read the operating curve: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    // Re-creating the alerts writes to the project: not in a read-only one.
    m_apply->setEnabled(!m_project->isReadOnly());
    m_apply->setToolTip(m_project->isReadOnly() ? tr("The project is read-only: the alerts cannot be re-created.")
                                                : QString());
    showPoint(m_stored);
    return true;
}

double AmlThresholdPanel::alertsPerDayAt(double threshold) const { return m_view->pointAt(threshold).alerts / m_days; }

QString AmlThresholdPanel::summary() const { return m_info->text(); }

void AmlThresholdPanel::showPoint(double threshold)
{
    const widgets::ThresholdPoint p = m_view->pointAt(threshold);
    const QString text
        = m_onValidation ? tr("Threshold %1 on the validation months: %2 alerts per day, precision %3, recall %4, "
                              "false-positive rate %5 (alerts now at %6)")
                         : tr("Threshold %1 on the test months (this run kept no validation curve): %2 alerts per day, "
                              "precision %3, recall %4, false-positive rate %5 (alerts now at %6)");
    m_info->setText(text.arg(threshold, 0, 'f', 4)
                        .arg(p.alerts / m_days, 0, 'f', 1)
                        .arg(p.precision, 0, 'f', 3)
                        .arg(p.recall, 0, 'f', 3)
                        .arg(p.fpr, 0, 'f', 4)
                        .arg(m_stored, 0, 'f', 4));
}

bool AmlThresholdPanel::apply()
{
    if (m_runId.isEmpty() || isApplying() || m_project->isReadOnly())
        return false;
    m_apply->setEnabled(false);
    CliClient::Options options;
    options.timeoutMs = 10 * 60 * 1000; // features over the whole store: minutes on a large one
    m_applying = m_cli->run<replies::AmlAlertsReply>(
        {QStringLiteral("aml"), QStringLiteral("alerts"), QStringLiteral("--project"), m_projectDir,
         QStringLiteral("--run"), m_runId, QStringLiteral("--model"), m_model, QStringLiteral("--threshold"),
         QString::number(m_view->threshold(), 'g', 10), QStringLiteral("--limit"), QStringLiteral("1"),
         QStringLiteral("--json")},
        this,
        [this](const CliReply<replies::AmlAlertsReply> &result) {
            m_apply->setEnabled(true);
            if (!result.ok()) {
                Q_EMIT message(tr("Re-creating the alerts failed: %1").arg(result.error));
                return;
            }
            // The threshold the alerts were made at, as the engine read it.
            m_stored = result.reply->operatingPoint.threshold;
            showPoint(m_view->threshold());
            Q_EMIT message(tr("Alerts re-created at threshold %1").arg(m_stored, 0, 'f', 4));
            Q_EMIT alertsRecreated();
        },
        options);
    Q_EMIT message(tr("Re-creating the alerts at threshold %1…").arg(m_view->threshold(), 0, 'f', 4));
    return true;
}

} // namespace seekbench::ui
