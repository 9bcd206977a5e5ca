#include "export/export_model_dialog.h"

#include "common/cli_client.h"

#include "seekbench/config/run_config.h"
#include "seekbench/export/model_files.h"
#include "seekbench/replies/export_replies.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace seekbench::ui {

namespace {

std::string dataKindOf(const projects::RunRecord &run)
{
    const auto kind = run.params.find("data.kind"); // absent: the config's default
    return kind == run.params.end() ? DataConfig{}.kind : kind->second;
}

// Every model family this build trains exports in every format (model_files.h); a run of
// another (a newer Seekbench's, or a damaged record) exports in none.
bool knownFamily(const projects::RunRecord &run) { return torchScriptCovers(dataKindOf(run)); }

} // namespace

QString ExportModelDialog::int8Summary(const QByteArray &json) const
{
    const QJsonObject r = QJsonDocument::fromJson(json).object();
    const QJsonObject f = r.value(QLatin1String("fp32")).toObject(), q = r.value(QLatin1String("int8")).toObject();
    const QLocale locale;
    auto ms = [&](const QJsonObject &o, const char *key) {
        return locale.toString(o.value(QLatin1String(key)).toDouble(), 'f', 2);
    };
    const QString key = r.value(QLatin1String("metric")).toString();
    const QString metric = key == QLatin1String("accuracy")              ? tr("accuracy")
                           : key == QLatin1String("token_accuracy")      ? tr("token accuracy")
                           : key == QLatin1String("next_token_accuracy") ? tr("next-token accuracy")
                           : key == QLatin1String("mse")                 ? tr("mean squared error")
                           : key == QLatin1String("pr_auc")              ? tr("PR-AUC")
                                                                         : key;
    // Null where the run's evaluation data was not on this machine (metric_unavailable says why).
    const auto value = [&](const QJsonObject &o) {
        const QJsonValue v = o.value(QLatin1String("value"));
        return v.isDouble() ? locale.toString(v.toDouble(), 'f', 4) : tr("not measured");
    };
    return tr("INT8 against fp32 on the run's eval data: %1 %2 -> %3; %4 -> %5; batch 1 %6 -> %7 ms; batch 32 %8 -> "
              "%9 ms.")
        .arg(metric, value(f), value(q), locale.formattedDataSize(qint64(f.value(QLatin1String("bytes")).toDouble())),
             locale.formattedDataSize(qint64(q.value(QLatin1String("bytes")).toDouble())), ms(f, "ms_batch1"),
             ms(q, "ms_batch1"), ms(f, "ms_batch32"), ms(q, "ms_batch32"));
}

ExportModelDialog::ExportModelDialog(const QString &projectDir, const projects::RunRecord &run, QWidget *parent)
    : QDialog(parent), m_projectDir(projectDir), m_run(run), m_cli(new CliClient(this))
{
    setObjectName(QStringLiteral("exportModelDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_formatLabel = new QLabel(this);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(QString(), QStringLiteral("safetensors"));
    m_format->addItem(QString(), QStringLiteral("torchscript"));
    m_format->addItem(QString(), QStringLiteral("onnx"));
    m_format->addItem(QString(), QStringLiteral("triton"));
    m_int8 = new QCheckBox(this);
    m_int8->setObjectName(QStringLiteral("exportInt8"));
    m_checkpointLabel = new QLabel(this);
    m_checkpoint = new QComboBox(this);
    m_checkpoint->setObjectName(QStringLiteral("exportCheckpoint"));
    m_checkpoint->addItem(QString(), QStringLiteral("latest"));
    m_checkpoint->addItem(QString(), QStringLiteral("best"));
    m_folderLabel = new QLabel(this);
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("exportHint"));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // the CLI reports no progress: a busy bar while it works
    m_busy->setVisible(false);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);

    m_formatLabel->setBuddy(m_format);
    m_checkpointLabel->setBuddy(m_checkpoint);
    m_folderLabel->setBuddy(m_folder);
    auto *form = new QFormLayout;
    form->addRow(m_formatLabel, m_format);
    form->addRow(QString(), m_int8);
    form->addRow(m_checkpointLabel, m_checkpoint);
    form->addRow(m_folderLabel, m_folder);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_busy);
    layout->addWidget(m_result, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportModelDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportModelDialog::startExport);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportModelDialog::updateHint);
    connect(m_checkpoint, &QComboBox::currentIndexChanged, this, &ExportModelDialog::updateHint);
    connect(m_int8, &QCheckBox::toggled, this, &ExportModelDialog::updateHint);
    retranslate();
    resize(560, sizeHint().height());
}

bool ExportModelDialog::isExporting() const { return m_call && m_call->isRunning(); }

void ExportModelDialog::retranslate()
{
    setWindowTitle(tr("Export model"));
    m_intro->setText(tr("Write the trained model of run <b>%1</b> as files another program can load.")
                         .arg(QString::fromStdString(m_run.name).toHtmlEscaped()));
    m_formatLabel->setText(tr("&Format:"));
    m_format->setItemText(0, tr("safetensors + config.json (Hugging Face names)"));
    m_format->setItemText(1, tr("TorchScript (torch.jit.load)"));
    m_format->setItemText(2, tr("ONNX (ONNX Runtime, opset 13)"));
    m_format->setItemText(3, tr("Triton model repository + Kubernetes manifests"));
    m_int8->setText(tr("&INT8 (dynamic quantization of the linear layers, compared with fp32)"));
    m_checkpointLabel->setText(tr("&Checkpoint:"));
    m_checkpoint->setItemText(0, tr("Latest"));
    m_checkpoint->setItemText(1, tr("Best (marked by evaluation)"));
    m_folderLabel->setText(tr("F&older:"));
    m_folder->setPlaceholderText(tr("runs/<id>/exports/<format>-step<N> (default)"));
    m_folder->setToolTip(tr("A folder inside the project, relative to it. Empty: beside the run."));
    m_exportButton->setText(tr("&Export"));
    m_buttons->button(QDialogButtonBox::Close)->setText(isExporting() ? tr("&Cancel") : tr("&Close"));
    updateHint();
}

void ExportModelDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ExportModelDialog::updateHint()
{
    const QString format = m_format->currentData().toString();
    const bool script = format == QLatin1String("torchscript");
    const bool triton = format == QLatin1String("triton");
    const bool onnx = format == QLatin1String("onnx");
    const std::string kind = dataKindOf(m_run);
    const bool possible = knownFamily(m_run);
    m_exportButton->setEnabled(possible && !isExporting());
    const bool int8Possible = (script || triton) && possible;
    m_int8->setEnabled(int8Possible && !isExporting());
    if (!int8Possible)
        m_int8->setChecked(false); // safetensors and ONNX keep the trained weights
    const bool images = kind == "fashion_mnist_pairs", graph = kind == "aml_transactions";
    if (!possible)
        m_hint->setText(tr("This run's model (data.kind '%1') is not one this Seekbench trains, so it cannot export "
                           "it; export it with the Seekbench that trained it.")
                            .arg(QString::fromStdString(kind)));
    else if (onnx && images)
        m_hint->setText(tr("model.onnx (opset 13): image [batch, 1, 28, 28], normalised as in training, gives the ten "
                           "class logits, with any batch size; ONNX Runtime or Triton's ONNX Runtime backend loads it "
                           "without Seekbench."));
    else if (onnx && graph)
        m_hint->setText(tr("model.onnx (opset 16): one transaction graph as eight tensors (config.json names each) "
                           "gives each scored transaction's logit; ONNX Runtime or Triton's ONNX Runtime backend loads "
                           "it without Seekbench."));
    else if (onnx)
        m_hint->setText(tr("model.onnx (opset 13): input_ids [batch, sequence] gives the logits, with any batch size "
                           "and sequence length; ONNX Runtime or Triton's ONNX Runtime backend loads it without "
                           "Seekbench."));
    else if (triton && graph)
        m_hint->setText(tr("A Triton repository (config.pbtxt, 1/model.pt, README.md) for one graph per request (a "
                           "graph is not batched), and Kubernetes manifests to serve it (Deployment with health "
                           "probes, Service, autoscaler)."));
    else if (triton)
        m_hint->setText(tr("A Triton repository (config.pbtxt, 1/model.pt, README.md) with dynamic batching, and "
                           "Kubernetes manifests to serve it (Deployment with health probes, Service, autoscaler)."));
    else if (script && images)
        m_hint->setText(tr("model.pt: forward(image) returns the ten class logits, as the run's model decides; "
                           "Python's torch.jit.load or a LibTorch program loads it without Seekbench."));
    else if (script && graph)
        m_hint->setText(tr("model.pt: forward takes one transaction graph as eight tensors (config.json names each) "
                           "and returns each scored transaction's logit; Python's torch.jit.load or a LibTorch "
                           "program loads it without Seekbench."));
    else if (script)
        m_hint->setText(tr("model.pt: forward(input_ids) returns the logits, as the run's model does; Python's "
                           "torch.jit.load or a LibTorch program loads it without Seekbench."));
    else
        m_hint->setText(tr("model.safetensors with every tensor of the model, and config.json with the architecture "
                           "and the run's config."));
}

void ExportModelDialog::startExport()
{
    QStringList args{QStringLiteral("export"),
                     QStringLiteral("--run"),
                     QString::fromStdString(m_run.id),
                     QStringLiteral("--format"),
                     m_format->currentData().toString(),
                     QStringLiteral("--checkpoint"),
                     m_checkpoint->currentData().toString(),
                     QStringLiteral("--project"),
                     m_projectDir,
                     QStringLiteral("--json")};
    if (!m_folder->text().trimmed().isEmpty())
        args << QStringLiteral("--out") << m_folder->text().trimmed();
    if (m_int8->isChecked())
        args << QStringLiteral("--int8");
    m_result->clear();
    m_busy->setVisible(true);
    for (QWidget *w : {static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_checkpoint),
                       static_cast<QWidget *>(m_folder), static_cast<QWidget *>(m_int8)})
        w->setEnabled(false);
    CliOptions options;
    options.timeoutMs = 0; // a large model takes what it takes; Cancel stops it
    m_call = m_cli->run<replies::ModelExportReply>(
        args, this,
        [this](const CliReply<replies::ModelExportReply> &r) {
            m_busy->setVisible(false);
            for (QWidget *w : {static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_checkpoint),
                               static_cast<QWidget *>(m_folder)})
                w->setEnabled(true);
            retranslate();
            if (!r.ok() || !r.reply) {
                m_result->setStyleSheet(QStringLiteral("color: #c62828"));
                m_result->setText(r.outcome == CliResult::Outcome::Cancelled ? tr("Export cancelled.") : r.error);
                return;
            }
            const QLocale locale;
            QStringList lines{tr("Exported step %1 (%n tensor(s), %2 parameters):", nullptr, int(r.reply->tensors))
                                  .arg(r.reply->step)
                                  .arg(locale.toString(qlonglong(r.reply->parameters)))};
            for (const auto &f : r.reply->files)
                lines << QStringLiteral("%1  (%2)")
                             .arg(QString::fromStdString(f.path), locale.formattedDataSize(f.bytes));
            if (!r.reply->int8Report.empty())
                lines << int8Summary(QByteArray::fromStdString(r.reply->int8Report));
            m_result->setStyleSheet(QString());
            m_result->setText(lines.join(QLatin1Char('\n')));
            resize(width(), std::max(height(), sizeHint().height())); // a Triton export lists six files
            Q_EMIT exported(QString::fromStdString(m_run.id));
        },
        options);
    retranslate();
}

void ExportModelDialog::reject()
{
    if (isExporting()) {
        m_call->cancel(); // the CLI's atomic writes leave no partial file
        return;
    }
    QDialog::reject();
}

} // namespace seekbench::ui
