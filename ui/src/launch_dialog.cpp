#include "seekbench/ui/launch_dialog.h"

#include "seekbench/ui/run_launcher.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace seekbench::ui {

namespace {
QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly | QIODevice::Text) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

LaunchDialog::LaunchDialog(const QString &projectDir, QWidget *parent) : QDialog(parent), m_projectDir(projectDir)
{
    setObjectName(QStringLiteral("launchDialog"));
    resize(640, 560);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("configSource"));
    m_source->addItem(QString()); // "choose"
    for (const QString &f : QDir(QStringLiteral(":/configs")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        m_source->addItem(f, QStringLiteral(":/configs/") + f);
    m_source->addItem(QString(), QStringLiteral("file"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("runNameEdit"));
    m_sourceLabel = new QLabel(this);
    m_nameLabel = new QLabel(this);
    form->addRow(m_sourceLabel, m_source);
    form->addRow(m_nameLabel, m_name);
    layout->addLayout(form);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("configEditor"));
    m_editor->setFont(QFont(QStringLiteral("monospace")));
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

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(250);
    connect(&m_checkTimer, &QTimer::timeout, this, &LaunchDialog::check);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_valid = false;
        m_launch->setEnabled(false);
        m_checkTimer.start();
    });
    connect(m_source, qOverload<int>(&QComboBox::activated), this, &LaunchDialog::sourceChosen);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LaunchDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LaunchDialog::reject);
    retranslate();
    check();
}

void LaunchDialog::retranslate()
{
    setWindowTitle(tr("Launch a run"));
    m_source->setItemText(0, tr("Choose an example or a file…"));
    m_source->setItemText(m_source->count() - 1, tr("YAML file…"));
    m_sourceLabel->setText(tr("Config"));
    m_nameLabel->setText(tr("Run name"));
    m_launch->setText(tr("Launch"));
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
    } else if (!data.isEmpty()) {
        loadFile(data);
    }
}

void LaunchDialog::loadFile(const QString &path)
{
    m_editor->setPlainText(readText(path));
    if (m_name->text().isEmpty())
        m_name->setText(RunLauncher::checkText(m_editor->toPlainText()).configName);
    check();
}

void LaunchDialog::setConfigText(const QString &yaml, const QString &runName)
{
    m_editor->setPlainText(yaml);
    m_name->setText(runName);
    check();
}

QString LaunchDialog::runName() const
{
    return m_name->text().trimmed();
}

QString LaunchDialog::problemsText() const
{
    return m_problems->text();
}

void LaunchDialog::check()
{
    m_checkTimer.stop();
    const QString text = m_editor->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_valid = false;
        m_problems->setText(tr("Choose a config to launch."));
    } else {
        const RunLauncher::Check c = RunLauncher::checkText(text);
        m_valid = c.ok;
        m_problems->setText(c.ok ? tr("The config is valid.")
                                 : tr("Launch is refused until these problems are fixed:\n%1").arg(c.problems.join(QLatin1Char('\n'))));
    }
    m_launch->setEnabled(m_valid);
}

void LaunchDialog::accept()
{
    check();
    if (!m_valid)
        return; // refused: the reasons are already shown
    QDir().mkpath(m_projectDir + QStringLiteral("/configs"));
    QString base = runName().isEmpty() ? QStringLiteral("run") : runName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("_"));
    m_savedPath = m_projectDir + QStringLiteral("/configs/") + base + QLatin1Char('-')
                  + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral(".yaml");
    QFile f(m_savedPath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        m_problems->setText(tr("Cannot save the config to %1").arg(m_savedPath));
        return;
    }
    f.write(m_editor->toPlainText().toUtf8());
    f.close();
    QDialog::accept();
}

} // namespace seekbench::ui
