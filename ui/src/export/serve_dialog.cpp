#include "export/serve_dialog.h"

#include "common/cli_client.h"

#include "seekbench/projects/model_export_plan.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <csignal>

namespace seekbench::ui {

ServeDialog::ServeDialog(const QString &projectDir, const projects::RunRecord &run, QWidget *parent)
    : QDialog(parent), m_projectDir(projectDir), m_run(run), m_timer(new QTimer(this)),
      m_net(new QNetworkAccessManager(this))
{
    setObjectName(QStringLiteral("serveDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_modelLabel = new QLabel(this);
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("serveModel"));
    // The run's servable exports: folders holding a model.pt, newest first.
    try {
        const projects::Project project = projects::Project::open(projectDir.toStdString());
        const QDir root(projectDir);
        for (const auto &folder : projects::servableExports(project, run.id)) // `serve --run` takes the first
            m_model->addItem(root.relativeFilePath(QString::fromStdString(folder.string())));
    } catch (const std::exception &) { // the list stays empty; the hint says why
    }
    auto spin = [this](int lo, int hi, int value, const char *name) {
        auto *s = new QSpinBox(this);
        s->setRange(lo, hi);
        s->setValue(value);
        s->setObjectName(QString::fromLatin1(name));
        return s;
    };
    m_portLabel = new QLabel(this);
    m_port = spin(1024, 65535, 8000, "servePort");
    m_batchLabel = new QLabel(this);
    m_batch = spin(1, 4096, 32, "serveMaxBatch");
    m_delayLabel = new QLabel(this);
    m_delay = spin(0, 1000000, 2000, "serveDelay");
    m_instancesLabel = new QLabel(this);
    m_instances = spin(1, 16, 1, "serveInstances");
    m_batching = new QCheckBox(this);
    m_batching->setChecked(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("serveStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rates = new QLabel(this);
    m_rates->setObjectName(QStringLiteral("serveRates"));
    QFont mono = m_rates->font();
    mono.setPointSizeF(mono.pointSizeF() * 1.15);
    mono.setBold(true);
    m_rates->setFont(mono);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_start = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_start->setObjectName(QStringLiteral("serveStart"));
    m_stop = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_stop->setObjectName(QStringLiteral("serveStop"));
    m_stop->setEnabled(false);
    m_start->setEnabled(m_model->count() > 0);

    m_modelLabel->setBuddy(m_model);
    m_portLabel->setBuddy(m_port);
    m_batchLabel->setBuddy(m_batch);
    m_delayLabel->setBuddy(m_delay);
    m_instancesLabel->setBuddy(m_instances);
    auto *form = new QFormLayout;
    form->addRow(m_modelLabel, m_model);
    form->addRow(m_portLabel, m_port);
    form->addRow(m_batchLabel, m_batch);
    form->addRow(m_delayLabel, m_delay);
    form->addRow(m_instancesLabel, m_instances);
    form->addRow(QString(), m_batching);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_rates);
    layout->addStretch(1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &ServeDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &ServeDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &ServeDialog::stop);
    connect(m_batching, &QCheckBox::toggled, m_delay, &QSpinBox::setEnabled);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ServeDialog::poll);
    retranslate();
    resize(600, sizeHint().height());
}

void ServeDialog::retranslate()
{
    setWindowTitle(tr("Serve model"));
    m_intro->setText(tr("Serve an export of run <b>%1</b> over HTTP with the KServe v2 protocol (as Triton), with "
                        "dynamic batching. The server keeps running when this window closes; <i>Stop</i> ends it.")
                         .arg(QString::fromStdString(m_run.name).toHtmlEscaped()));
    m_modelLabel->setText(tr("&Export:"));
    m_model->setToolTip(tr("A TorchScript export (fp32 or INT8) or a Triton repository's model folder."));
    m_portLabel->setText(tr("&Port:"));
    m_batchLabel->setText(tr("Max &batch size:"));
    m_delayLabel->setText(tr("Max queue &delay:"));
    m_delay->setSuffix(tr(" µs"));
    m_instancesLabel->setText(tr("&Instances:"));
    m_batching->setText(tr("D&ynamic batching"));
    m_start->setText(tr("&Start"));
    m_stop->setText(tr("S&top"));
    if (m_model->count() == 0)
        m_status->setText(tr("This run has no TorchScript export yet: export it first (Runs > Export model…, "
                             "TorchScript or Triton)."));
}

void ServeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ServeDialog::setSettingsEnabled(bool on)
{
    for (QWidget *w : {static_cast<QWidget *>(m_model), static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_batch),
                       static_cast<QWidget *>(m_instances), static_cast<QWidget *>(m_batching)})
        w->setEnabled(on);
    m_delay->setEnabled(on && m_batching->isChecked());
}

// The server's first line on stdout (--json): {"event": "serving", "infer": URL, ...}.
QString ServeDialog::inferUrl() const
{
    QFile log(m_log);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(log.readLine()).object().value(QLatin1String("infer")).toString();
}

bool ServeDialog::serverAlive() const { return m_pid > 0 && ::kill(pid_t(m_pid), 0) == 0; }

void ServeDialog::start()
{
    // The model's name in URLs: the CLI's default for the folder (defaultServedModelName).
    QStringList args{QStringLiteral("serve"),
                     QStringLiteral("--json"),
                     QStringLiteral("--model"),
                     QDir(m_projectDir).filePath(m_model->currentText()),
                     QStringLiteral("--port"),
                     QString::number(m_port->value()),
                     QStringLiteral("--max-batch-size"),
                     QString::number(m_batch->value()),
                     QStringLiteral("--instances"),
                     QString::number(m_instances->value())};
    // Preferred sizes: the CLI's defaults (8, 16, 32) that fit under the batch size.
    if (m_batching->isChecked())
        args << QStringLiteral("--max-queue-delay-us") << QString::number(m_delay->value());
    else
        args << QStringLiteral("--no-dynamic-batching");
    CliClient::DetachedOptions options;
    m_log = QDir::temp().filePath(QStringLiteral("seekbench-serve-%1.log").arg(m_port->value()));
    options.stdoutFile = m_log;
    options.stderrFile = m_log + QStringLiteral(".err");
    QString error;
    if (!CliClient::startDetached(args, options, &m_pid, &error)) {
        m_status->setText(error);
        return;
    }
    m_ready = false;
    m_last = {};
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    setSettingsEnabled(false);
    m_status->setText(tr("Starting (process %1)…").arg(m_pid));
    m_rates->clear();
    m_timer->start();
}

void ServeDialog::stop()
{
    if (serverAlive())
        ::kill(pid_t(m_pid), SIGTERM); // it answers what it queued, then exits
    m_status->setText(tr("Stopping: the server answers its queued requests, then exits…"));
    m_stop->setEnabled(false);
}

void ServeDialog::poll()
{
    if (!serverAlive()) {
        m_timer->stop();
        QFile err(m_log + QStringLiteral(".err"));
        const QString why = err.open(QIODevice::ReadOnly) ? QString::fromUtf8(err.readAll()).trimmed() : QString();
        m_status->setText(m_ready || why.isEmpty() ? tr("Stopped.") : tr("The server stopped: %1").arg(why));
        m_ready = false;
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
        setSettingsEnabled(true);
        return;
    }
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_port->value());
    QNetworkReply *reply = m_net->get(QNetworkRequest(QUrl(base + QStringLiteral("/metrics"))));
    connect(reply, &QNetworkReply::finished, this, [this, reply, base] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError || !serverAlive())
            return; // still loading the model, or stopping
        const ServingScrape now = parseServingMetrics(QString::fromUtf8(reply->readAll()));
        if (!m_ready && m_stop->isEnabled()) {
            m_ready = true;
            m_status->setText(tr("Serving (process %1) at %2; metrics at %3/metrics.").arg(m_pid).arg(inferUrl(), base));
        }
        if (m_last.valid)
            showRates(servingRates(m_last, now, m_sinceLast.elapsed() / 1000.0));
        m_last = now;
        m_sinceLast.restart();
    });
}

void ServeDialog::showRates(const ServingRates &r)
{
    const QLocale locale;
    auto ms = [&](double v) { return v < 0 ? QStringLiteral("–") : locale.toString(v, 'f', 1); };
    m_rates->setText(tr("%1 requests/s · p50 %2 ms · p99 %3 ms · mean batch %4 · errors %5/s")
                         .arg(locale.toString(r.requestsPerSecond, 'f', 0), ms(r.p50Ms), ms(r.p99Ms),
                              r.meanBatch < 0 ? QStringLiteral("–") : locale.toString(r.meanBatch, 'f', 1),
                              locale.toString(r.errorsPerSecond, 'f', 0)));
}

} // namespace seekbench::ui
