#include "project/new_project_dialog.h"

#include "project/demo_setup.h"
#include "project/project_templates.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace seekbench::ui {

NewProjectDialog::NewProjectDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("newProjectDialog"));
    setWindowTitle(tr("New project"));
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Wide enough for the templates' descriptions to read as a paragraph.
    setMinimumWidth(std::max(560, fontMetrics().averageCharWidth() * 80));
    m_template = new QComboBox(this);
    m_template->setObjectName(QStringLiteral("templateCombo"));
    for (const ProjectTemplate &t : projectTemplates()) {
        m_template->addItem(t.title, t.id);
        m_template->setItemData(m_template->count() - 1, t.description, Qt::ToolTipRole);
    }
    m_templateInfo = new QLabel(this);
    m_templateInfo->setObjectName(QStringLiteral("templateDescription"));
    m_templateInfo->setWordWrap(true);
    auto showInfo = [this] { m_templateInfo->setText(m_template->currentData(Qt::ToolTipRole).toString()); };
    connect(m_template, qOverload<int>(&QComboBox::currentIndexChanged), this, showInfo);
    showInfo();
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("projectFolderEdit"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    row->addWidget(browse);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("projectNameEdit"));
    m_description = new QLineEdit(this);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("newProjectError"));
    m_error->setWordWrap(true);
    form->addRow(tr("Template"), m_template);
    form->addRow(QString(), m_templateInfo);
    form->addRow(tr("Folder"), row);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Description"), m_description);
    form->addRow(m_error);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("demoProgress"));
    m_progress->setVisible(false);
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true); // showing it later does not move the buttons
    m_progress->setSizePolicy(keep);
    form->addRow(m_progress);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons = buttons;
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewProjectDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewProjectDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Project folder"));
        if (!dir.isEmpty())
            setFolder(dir);
    });
    connect(m_folder, &QLineEdit::textEdited, this, [this](const QString &t) {
        if (m_name->text().isEmpty() || m_name->isModified() == false)
            m_name->setText(QFileInfo(t).fileName());
    });
}

void NewProjectDialog::reserveHeights()
{
    const int width = m_templateInfo->width();
    if (width <= 0)
        return;
    int info = 0;
    for (int i = 0; i < m_template->count(); ++i) {
        QLabel probe;
        probe.setWordWrap(true);
        probe.setFont(m_templateInfo->font());
        probe.setText(m_template->itemData(i, Qt::ToolTipRole).toString());
        info = std::max(info, probe.heightForWidth(width));
    }
    m_templateInfo->setMinimumHeight(info);
    m_error->setMinimumHeight(2 * m_error->fontMetrics().lineSpacing());
}

void NewProjectDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    reserveHeights();
}

QString NewProjectDialog::folder() const { return m_folder->text().trimmed(); }
QString NewProjectDialog::projectName() const { return m_name->text().trimmed(); }
QString NewProjectDialog::templateId() const { return m_template->currentData().toString(); }
void NewProjectDialog::setFolder(const QString &dir)
{
    m_folder->setText(dir);
    if (m_name->text().isEmpty())
        m_name->setText(QFileInfo(dir).fileName());
}
void NewProjectDialog::setProjectName(const QString &name) { m_name->setText(name); }
void NewProjectDialog::setTemplateId(const QString &id)
{
    const int i = m_template->findData(id);
    if (i >= 0)
        m_template->setCurrentIndex(i);
}

bool NewProjectDialog::createProject()
{
    if (folder().isEmpty()) {
        m_error->setText(tr("Choose a folder for the project."));
        return false;
    }
    try {
        createProjectFromTemplate(QDir(folder()).absolutePath(), projectName(), m_description->text(), templateId());
    } catch (const std::exception &e) {
        m_error->setText(tr("Cannot create the project: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    return true;
}

void NewProjectDialog::accept()
{
    if (m_created) { // after the demo failed or was cancelled: open the project as it is
        QDialog::accept();
        return;
    }
    if (!createProject())
        return;
    m_created = true;
    if (!projectTemplate(templateId()).demoData) {
        QDialog::accept();
        return;
    }
    // Fill it with demo data out of process; the dialog stays responsive and cancellable.
    m_template->setEnabled(false);
    m_folder->setEnabled(false);
    m_name->setEnabled(false);
    m_description->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_progress->setVisible(true);
    m_progress->setRange(0, 100);
    m_demo = new DemoSetup(QDir(folder()).absolutePath(), this, projectTemplate(templateId()).scenario);
    connect(m_demo, &DemoSetup::progress, this, [this](int percent, const QString &text) {
        m_progress->setValue(percent);
        m_error->setText(text);
    });
    connect(m_demo, &DemoSetup::finished, this, [this](bool ok, const QString &message) {
        if (ok) {
            QDialog::accept();
            return;
        }
        m_error->setText(message);
        m_progress->setVisible(false);
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Open project"));
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    });
    m_demo->start();
}

void NewProjectDialog::reject()
{
    if (m_demo && (m_demo->stage() == DemoSetup::Stage::Generating || m_demo->stage() == DemoSetup::Stage::Training)) {
        m_demo->cancel(); // the project stays; the button now opens it
        return;
    }
    QDialog::reject();
}

} // namespace seekbench::ui
