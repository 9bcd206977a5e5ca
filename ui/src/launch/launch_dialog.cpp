#include "launch/launch_dialog.h"

#include "config/config_draft.h"
#include "config/config_editor.h"
#include "config/issue_text.h"
#include "launch/launch_target_picker.h"
#include "seekbench/config/config_io.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/project_layout.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPalette>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QVBoxLayout>

namespace seekbench::ui {

namespace {
constexpr qint64 kMaxConfigBytes = 4 * 1024 * 1024; // configs are small; the file is untrusted

bool readText(const QString &path, QString *text, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = IssueText::describe({"", "file_unreadable", {path.toStdString(), f.errorString().toStdString()}});
        return false;
    }
    if (f.size() > kMaxConfigBytes) {
        *error = IssueText::describe({"", "file_unreadable", {path.toStdString(), "larger than 4 MiB"}});
        return false;
    }
    *text = QString::fromUtf8(f.readAll());
    return true;
}
} // namespace

QStringList LaunchDialog::presetNames()
{
    QStringList names;
    for (const char *n : {"tiny", "small", "base", "moe"})
        if (QFile::exists(QStringLiteral(":/configs/%1.yaml").arg(QLatin1String(n))))
            names << QLatin1String(n);
    for (const QString &f :
         QDir(QStringLiteral(":/configs")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        if (!names.contains(QFileInfo(f).completeBaseName()))
            names << QFileInfo(f).completeBaseName();
    return names;
}

LaunchDialog::LaunchDialog(const QString &projectDir, QWidget *parent) : QDialog(parent), m_projectDir(projectDir)
{
    setObjectName(QStringLiteral("launchDialog"));
    resize(1100, 720);
    auto *layout = new QVBoxLayout(this);

    m_draftBanner = new QFrame(this);
    m_draftBanner->setObjectName(QStringLiteral("draftBanner"));
    m_draftBanner->setFrameShape(QFrame::StyledPanel);
    auto *banner = new QHBoxLayout(m_draftBanner);
    m_draftLabel = new QLabel(m_draftBanner);
    m_draftLabel->setWordWrap(true);
    m_restoreDraft = new QPushButton(m_draftBanner);
    m_restoreDraft->setObjectName(QStringLiteral("restoreDraftButton"));
    m_discardDraft = new QPushButton(m_draftBanner);
    m_discardDraft->setObjectName(QStringLiteral("discardDraftButton"));
    banner->addWidget(m_draftLabel, 1);
    banner->addWidget(m_restoreDraft);
    banner->addWidget(m_discardDraft);
    m_draftBanner->hide();
    layout->addWidget(m_draftBanner);

    auto *top = new QHBoxLayout;
    auto *form = new QFormLayout;
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("configSource"));
    m_source->addItem(QString()); // "choose"
    for (const QString &name : presetNames())
        m_source->addItem(name, QStringLiteral(":/configs/%1.yaml").arg(name));
    m_source->addItem(QString(), QStringLiteral("file"));
    m_source->addItem(QString(), QStringLiteral("hf"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("runNameEdit"));
    m_sourceLabel = new QLabel(this);
    m_nameLabel = new QLabel(this);
    form->addRow(m_sourceLabel, m_source);
    form->addRow(m_nameLabel, m_name);
    m_where = new LaunchTargetPicker(
        projectDir, [this] { return m_editor ? m_editor->yamlText() : QString(); }, this);
    m_whereLabel = new QLabel(this);
    form->addRow(m_whereLabel, m_where);
    connect(m_where, &LaunchTargetPicker::changed, this, [this] { check(); });
    top->addLayout(form, 1);
    m_undo = new QPushButton(this);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_redo = new QPushButton(this);
    m_redo->setObjectName(QStringLiteral("redoButton"));
    top->addWidget(m_undo, 0, Qt::AlignBottom);
    top->addWidget(m_redo, 0, Qt::AlignBottom);
    layout->addLayout(top);

    m_editor = new ConfigEditor(this);
    layout->addWidget(m_editor, 1);
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_problems);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_launch = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_launch->setObjectName(QStringLiteral("launchButton"));
    layout->addWidget(m_buttons);

    QAction *undo = m_editor->undoAction();
    QAction *redo = m_editor->redoAction();
    m_undo->setEnabled(undo->isEnabled());
    m_redo->setEnabled(redo->isEnabled());
    connect(undo, &QAction::changed, m_undo, [this, undo] { m_undo->setEnabled(undo->isEnabled()); });
    connect(redo, &QAction::changed, m_redo, [this, redo] { m_redo->setEnabled(redo->isEnabled()); });
    connect(m_undo, &QPushButton::clicked, undo, &QAction::trigger);
    connect(m_redo, &QPushButton::clicked, redo, &QAction::trigger);

    connect(m_editor, &ConfigEditor::edited, this, [this] {
        if (!m_loading)
            m_dirty = true;
        check();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameAuto = false;
        m_dirty = true;
    });
    connect(m_source, qOverload<int>(&QComboBox::activated), this, &LaunchDialog::sourceChosen);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LaunchDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LaunchDialog::reject);
    connect(m_restoreDraft, &QPushButton::clicked, this, &LaunchDialog::restoreDraft);
    connect(m_discardDraft, &QPushButton::clicked, this, &LaunchDialog::discardDraft);

    m_draftTimer.setInterval(5000);
    connect(&m_draftTimer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            saveDraftNow();
    });
    m_draftTimer.start();

    // Start from the smallest preset: a valid config the user edits from.
    m_loading = true;
    QString text, error;
    if (readText(QStringLiteral(":/configs/tiny.yaml"), &text, &error)) {
        m_editor->setYamlText(text, false);
        m_name->setText(QStringLiteral("tiny"));
        m_source->setCurrentIndex(m_source->findText(QStringLiteral("tiny")));
    }
    m_loading = false;
    retranslate();
    showDraftBanner();
}

void LaunchDialog::retranslate()
{
    setWindowTitle(tr("Launch a run"));
    m_source->setItemText(0, tr("Choose a preset or a file…"));
    m_source->setItemText(m_source->count() - 2, tr("YAML file…"));
    m_source->setItemText(m_source->count() - 1, tr("Hugging Face config.json…"));
    m_sourceLabel->setText(tr("Start from"));
    m_nameLabel->setText(tr("Run name"));
    m_whereLabel->setText(tr("Where"));
    m_launch->setText(tr("Launch"));
    m_undo->setText(tr("Undo"));
    m_redo->setText(tr("Redo"));
    m_restoreDraft->setText(tr("Restore"));
    m_discardDraft->setText(tr("Discard"));
    showDraftBanner();
    check();
}

void LaunchDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LaunchDialog::sourceChosen(int index)
{
    const QString data = m_source->itemData(index).toString();
    if (data == QLatin1String("file")) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a run config"), m_projectDir,
                                                          tr("YAML configs (*.yaml *.yml)"));
        if (!path.isEmpty())
            loadFile(path);
    } else if (data == QLatin1String("hf")) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Hugging Face config.json"), m_projectDir,
                                                          tr("JSON files (*.json)"));
        if (!path.isEmpty())
            importHfFile(path);
    } else if (!data.isEmpty()) {
        loadFile(data);
    }
}

void LaunchDialog::loadPreset(const QString &name)
{
    const int i = m_source->findText(name);
    if (i > 0) {
        m_source->setCurrentIndex(i);
        sourceChosen(i);
    }
}

void LaunchDialog::loadFile(const QString &path)
{
    QString text, error;
    if (!readText(path, &text, &error)) {
        QMessageBox::warning(this, tr("Cannot open the config"), error);
        return;
    }
    m_editor->setYamlText(text, true);
    const seekbench::ConfigLoad load = seekbench::parseRunConfig(text.toStdString());
    if ((m_nameAuto || m_name->text().isEmpty()) && load.ok())
        m_name->setText(QString::fromStdString(load.config.name));
    check();
}

bool LaunchDialog::importHfFile(const QString &path)
{
    QString text, error, report;
    if (!readText(path, &text, &error)) {
        QMessageBox::warning(this, tr("Cannot import the Hugging Face config"), error);
        return false;
    }
    if (!m_editor->importHfConfig(text, &report)) {
        QMessageBox::warning(this, tr("Cannot import the Hugging Face config"),
                             tr("%1:\n%2").arg(QFileInfo(path).fileName(), report));
        return false;
    }
    check();
    return true;
}

void LaunchDialog::setConfigText(const QString &yaml, const QString &runName)
{
    m_loading = true;
    m_editor->setYamlText(yaml, false);
    m_loading = false;
    m_name->setText(runName);
    m_nameAuto = false;
    check();
}

void LaunchDialog::setEarlierRuns(const RunList &runs, const QString &selectRunId)
{
    const QString dir = m_projectDir;
    m_editor->setEarlierRuns(runs, selectRunId,
                             [dir](const seekbench::projects::RunRecord &r) { return runConfigYaml(dir, r); });
}

QString LaunchDialog::runConfigYaml(const QString &projectDir, const seekbench::projects::RunRecord &run)
{
    if (!run.configYaml.empty())
        return QString::fromStdString(run.configYaml);
    // Ids come from the project's store (untrusted): the layout refuses any id that is not
    // a plain name.
    QString path;
    try {
        path = QString::fromStdString(projects::ProjectLayout(projectDir.toStdString()).runConfigPath(run.id).string());
    } catch (const projects::ProjectError &) {
        return {};
    }
    QString text, error;
    readText(path, &text, &error);
    return text;
}

QString LaunchDialog::runName() const { return m_name->text().trimmed(); }

QString LaunchDialog::problemsText() const { return m_problems->text(); }

LaunchTarget LaunchDialog::target() const { return m_where->target(); }

void LaunchDialog::check()
{
    if (!m_editor || !m_launch)
        return;
    QStringList problems = m_editor->problems();
    if (m_where && !m_where->problem().isEmpty())
        problems << m_where->problem();
    m_valid = m_editor->isValid() && problems.isEmpty();
    m_problems->setText(
        m_valid ? tr("The config is valid.")
                : tr("Launch is refused until these problems are fixed:\n%1").arg(problems.join(QLatin1Char('\n'))));
    // Switching a style sheet on every keystroke re-polishes the label (tens of ms); a
    // palette switch is a repaint.
    QPalette palette = this->palette();
    if (!m_valid)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problems->setPalette(palette);
    m_launch->setEnabled(m_valid);
    // A disabled button still shows its tooltip: it says why.
    m_launch->setToolTip(
        m_valid ? tr("Start the run with this config.")
                : tr("Disabled: %1")
                      .arg(problems.value(0)
                           + (problems.size() > 1 ? tr(" (and %n more)", "", int(problems.size() - 1)) : QString())));
}

bool LaunchDialog::saveDraftNow()
{
    // An older draft not yet restored or discarded is kept until the user decides.
    if (m_projectDir.isEmpty() || draftOffered())
        return false;
    const bool ok = ConfigDraft(m_projectDir).save(m_editor->yamlText(), runName());
    if (ok)
        m_dirty = false;
    return ok;
}

bool LaunchDialog::draftOffered() const { return !m_draftBanner->isHidden(); }

void LaunchDialog::showDraftBanner()
{
    const auto draft = ConfigDraft(m_projectDir).load();
    if (!draft) {
        m_draftBanner->hide();
        return;
    }
    m_draftLabel->setText(
        tr("Unsaved edits from %1 (run “%2”) were kept as a draft. Restore them?")
            .arg(QLocale().toString(draft->savedAt.toLocalTime(), QLocale::ShortFormat), draft->runName));
    m_draftBanner->show();
}

void LaunchDialog::restoreDraft()
{
    const auto draft = ConfigDraft(m_projectDir).load();
    m_draftBanner->hide();
    if (!draft)
        return;
    m_editor->setYamlText(draft->yaml, true);
    m_name->setText(draft->runName);
    m_nameAuto = false;
    check();
}

void LaunchDialog::discardDraft()
{
    ConfigDraft(m_projectDir).discard();
    m_draftBanner->hide();
}

bool LaunchDialog::saveConfig(const QString &projectDir, const QString &runName, const QString &yaml,
                              QString *savedPath, QString *error)
{
    const QDir configs(QString::fromStdString(projects::ProjectLayout(projectDir.toStdString()).configsDir().string()));
    QDir().mkpath(configs.path());
    QString base = runName.isEmpty() ? QStringLiteral("run") : runName;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("_"));
    base = base.left(64);
    const QString path = configs.filePath(base + QLatin1Char('-')
                                          + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"))
                                          + QStringLiteral(".yaml"));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = tr("Cannot save the config to %1").arg(path);
        return false;
    }
    f.write(yaml.toUtf8());
    if (!f.commit()) {
        *error = tr("Cannot save the config to %1").arg(path);
        return false;
    }
    *savedPath = path;
    return true;
}

void LaunchDialog::accept()
{
    check();
    if (!m_valid)
        return; // refused: the reasons are already shown
    QString error;
    if (!saveConfig(m_projectDir, runName(), m_editor->yamlText(), &m_savedPath, &error)) {
        m_problems->setText(error);
        return;
    }
    if (!draftOffered())
        ConfigDraft(m_projectDir).discard();
    m_draftTimer.stop();
    QDialog::accept();
}

void LaunchDialog::reject()
{
    // Cancel is the user's decision to drop the edits; only a crash leaves a draft (and
    // an older draft the user has not decided about stays).
    if (!draftOffered())
        ConfigDraft(m_projectDir).discard();
    m_draftTimer.stop();
    QDialog::reject();
}

} // namespace seekbench::ui
