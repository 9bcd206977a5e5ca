#include "launch/launch_target_picker.h"

#include "common/cli_client.h"
#include "common/project_paths.h"
#include "seekbench/replies/slurm_replies.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace seekbench::ui {

LaunchTargetPicker::LaunchTargetPicker(const QString &projectDir, std::function<QString()> configText, QWidget *parent)
    : QWidget(parent), m_projectDir(projectDir), m_configText(std::move(configText)), m_cli(new CliClient(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("whereCombo"));
    m_kind->addItems({QString(), QString(), QString()});
    m_processes = new QSpinBox(this);
    m_processes->setObjectName(QStringLiteral("processesSpin"));
    m_processes->setRange(2, 64);
    m_processes->setValue(2);
    m_profile = new QComboBox(this);
    m_profile->setObjectName(QStringLiteral("clusterProfileCombo"));
    for (const QString &path : RunLauncher::clusterProfiles(projectDir))
        m_profile->addItem(QFileInfo(path).completeBaseName(), path);
    m_preview = new QPushButton(this);
    m_preview->setObjectName(QStringLiteral("previewScriptButton"));
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("whereHint"));
    m_hint->setWordWrap(true);
    row->addWidget(m_kind);
    row->addWidget(m_processes);
    row->addWidget(m_profile, 1);
    row->addWidget(m_preview);
    row->addWidget(m_hint, 2);
    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        updateVisibility();
        Q_EMIT changed();
    });
    connect(m_processes, qOverload<int>(&QSpinBox::valueChanged), this, &LaunchTargetPicker::changed);
    connect(m_profile, qOverload<int>(&QComboBox::currentIndexChanged), this, &LaunchTargetPicker::changed);
    connect(m_preview, &QPushButton::clicked, this, [this] {
        connect(
            this, &LaunchTargetPicker::previewReady, this,
            [this](const QString &text) {
                QDialog box(this);
                box.setObjectName(QStringLiteral("jobScriptDialog"));
                box.setWindowTitle(tr("Slurm job script"));
                auto *layout = new QVBoxLayout(&box);
                auto *view = new QPlainTextEdit(&box);
                view->setReadOnly(true);
                view->setPlainText(text);
                layout->addWidget(view);
                auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &box);
                connect(buttons, &QDialogButtonBox::rejected, &box, &QDialog::reject);
                layout->addWidget(buttons);
                box.resize(760, 480);
                box.exec();
            },
            Qt::SingleShotConnection);
        previewScript();
    });
    retranslate();
    updateVisibility();
}

void LaunchTargetPicker::retranslate()
{
    m_kind->setItemText(0, tr("This machine"));
    m_kind->setItemText(1, tr("Local processes (data parallel)"));
    m_kind->setItemText(2, tr("Slurm cluster"));
    m_processes->setSuffix(tr(" processes"));
    m_preview->setText(tr("Show job script…"));
    m_preview->setToolTip(tr("The sbatch options and the batch script that would be submitted"));
    updateVisibility();
}

void LaunchTargetPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LaunchTargetPicker::updateVisibility()
{
    const int kind = m_kind->currentIndex();
    m_processes->setVisible(kind == 1);
    m_profile->setVisible(kind == 2);
    m_preview->setVisible(kind == 2);
    m_preview->setEnabled(m_profile->count() > 0);
    if (kind == 1)
        m_hint->setText(tr("%1 cores here: each process gets its share.").arg(QThread::idealThreadCount()));
    else if (kind == 2 && m_profile->count() == 0)
        m_hint->setText(tr("No cluster profile: save one as clusters/<name>.yaml in the project "
                           "(see seekbench-cli slurm)."));
    else
        m_hint->clear();
}

LaunchTarget LaunchTargetPicker::target() const
{
    LaunchTarget t;
    t.kind = static_cast<LaunchTarget::Kind>(m_kind->currentIndex());
    t.processes = m_processes->value();
    t.clusterProfile = m_profile->currentData().toString();
    return t;
}

void LaunchTargetPicker::setTarget(const LaunchTarget &target)
{
    m_kind->setCurrentIndex(static_cast<int>(target.kind));
    m_processes->setValue(target.processes);
    const int i = m_profile->findData(target.clusterProfile);
    if (i >= 0)
        m_profile->setCurrentIndex(i);
}

QString LaunchTargetPicker::problem() const
{
    if (m_kind->currentIndex() == 2 && m_profile->currentData().toString().isEmpty())
        return tr("Choose a cluster profile (a YAML file in the project's clusters/ folder).");
    return {};
}

void LaunchTargetPicker::previewScript()
{
    // The CLI needs the config as a file: the current text goes to drafts/.
    const QString path = pathText(layoutOf(m_projectDir).draftsDir() / "slurm-preview.yaml");
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(m_configText().toUtf8()) < 0 || !f.commit()) {
        m_lastPreview = tr("cannot write %1: %2").arg(path, f.errorString());
        Q_EMIT previewReady(m_lastPreview);
        return;
    }
    CliClient::Options options;
    options.workingDirectory = m_projectDir;
    m_cli->run<replies::SlurmScriptReply>(
        {QStringLiteral("slurm"), QStringLiteral("script"), QStringLiteral("--project"), m_projectDir,
         QStringLiteral("--config"), path, QStringLiteral("--profile"), m_profile->currentData().toString(),
         QStringLiteral("--json")},
        this,
        [this](const CliReply<replies::SlurmScriptReply> &result) {
            if (!result.ok()) {
                m_lastPreview = tr("The job script cannot be made: %1").arg(result.error);
            } else {
                QStringList args;
                for (const std::string &a : result.reply->sbatchArgs)
                    args << QString::fromStdString(a);
                m_lastPreview = tr("sbatch arguments (passed as separate words, no shell):") + QLatin1Char('\n')
                                + args.join(QLatin1Char('\n')) + QStringLiteral("\n\n") + tr("Batch script:")
                                + QLatin1Char('\n') + QString::fromStdString(result.reply->script);
            }
            Q_EMIT previewReady(m_lastPreview);
        },
        options);
}

} // namespace seekbench::ui
