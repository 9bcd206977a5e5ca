#include "reports/reports_panel.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_store.h"

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace seekbench::ui {

namespace {

enum Column { Title, Kind, Covers, Format, Size, Modified, State, File, Columns };

} // namespace

ReportsPanel::ReportsPanel(QWidget *parent)
    : QWidget(parent), m_watcher(new QFileSystemWatcher(this)), m_soon(new QTimer(this)),
      m_reader(new QFutureWatcher<std::vector<ReportFileEntry>>(this))
{
    setObjectName(QStringLiteral("reportsPanel"));
    auto tool = [this](const char *name, QStyle::StandardPixmap icon) {
        auto *b = new QToolButton(this);
        b->setObjectName(QString::fromLatin1(name));
        b->setIcon(style()->standardIcon(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        return b;
    };
    m_open = tool("reportOpenButton", QStyle::SP_DialogOpenButton);
    m_folder = tool("reportFolderButton", QStyle::SP_DirOpenIcon);
    m_delete = tool("reportDeleteButton", QStyle::SP_TrashIcon);
    connect(m_open, &QToolButton::clicked, this, &ReportsPanel::openSelected);
    connect(m_folder, &QToolButton::clicked, this, &ReportsPanel::showSelectedInFolder);
    connect(m_delete, &QToolButton::clicked, this, [this] { deleteSelected(); });
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("reportsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_table = new QTableWidget(0, Columns, this);
    m_table->setObjectName(QStringLiteral("reportsTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Title, QHeaderView::Interactive);
    m_table->setColumnWidth(Title, 260);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_open);
    buttons->addWidget(m_folder);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_empty, 1); // in the table's place while there is no report
    layout->addWidget(m_table, 1);
    // Room for the buttons and the empty text: a dock tabbed behind the log keeps its
    // minimum size until it is raised.
    setMinimumSize(320, 120);
    m_soon->setSingleShot(true);
    m_soon->setInterval(200);
    connect(m_soon, &QTimer::timeout, this, &ReportsPanel::read);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &ReportsPanel::refresh);
    connect(m_reader, &QFutureWatcherBase::finished, this, [this] { showReports(m_reader->result()); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ReportsPanel::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { openSelected(); });
    connect(m_table, &QWidget::customContextMenuRequested, this, &ReportsPanel::contextMenu);
    retranslate();
    updateButtons();
}

QString ReportsPanel::reportsDir() const
{
    return m_projectDir.isEmpty() ? QString() : QDir(m_projectDir).filePath(QStringLiteral("reports"));
}

void ReportsPanel::retranslate()
{
    m_table->setHorizontalHeaderLabels(
        {tr("Title"), tr("Kind"), tr("Covers"), tr("Format"), tr("Size"), tr("Saved"), tr("State"), tr("File")});
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Open the report with the application this desktop uses for it."));
    m_folder->setText(tr("Show in folder"));
    m_delete->setText(tr("Delete…"));
    m_empty->setText(m_projectDir.isEmpty()
                         ? tr("Open a project to see its reports.")
                         : tr("No reports yet. Select a run, or several to compare them, and choose Runs > Report…; "
                              "the reports are saved in the project's reports folder."));
    showReports(m_reports);
}

void ReportsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReportsPanel::setProject(std::shared_ptr<const projects::Project> project)
{
    m_project = std::move(project);
    m_projectDir = m_project ? QString::fromStdString(m_project->dir().string()) : QString();
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_reports.clear();
    retranslate();
    watch();
    read();
}

void ReportsPanel::watch()
{
    if (m_projectDir.isEmpty())
        return;
    // The reports folder, or the project's until the folder exists.
    const QString dir = QFileInfo(reportsDir()).isDir() ? reportsDir() : m_projectDir;
    if (m_watcher->directories() != QStringList{dir}) {
        if (!m_watcher->directories().isEmpty())
            m_watcher->removePaths(m_watcher->directories());
        m_watcher->addPath(dir);
    }
}

void ReportsPanel::refresh() { m_soon->start(); }

void ReportsPanel::read()
{
    if (m_reader->isRunning()) {
        m_soon->start(); // once this reading is shown
        return;
    }
    watch();
    m_reader->setFuture(QtConcurrent::run(listProjectReports, m_project));
}

void ReportsPanel::showReports(const std::vector<ReportFileEntry> &reports)
{
    const QString selected = selectedFile();
    m_reports = reports;
    const QLocale locale;
    m_table->setRowCount(int(m_reports.size()));
    for (int row = 0; row < int(m_reports.size()); ++row) {
        const ReportFileEntry &r = m_reports[size_t(row)];
        const QString kind = r.kind == QLatin1String("run")          ? tr("run")
                             : r.kind == QLatin1String("comparison") ? tr("comparison")
                             : r.kind == QLatin1String("sweep")      ? tr("sweep")
                             : r.kind == QLatin1String("aml_case")   ? tr("AML case")
                                                                     : QString();
        const QString covers = !r.sweepId.isEmpty() ? r.sweepId
                               : r.runIds.size() == 1
                                   ? (r.runNames.value(0).isEmpty() ? r.runIds.front() : r.runNames.value(0))
                               : r.runIds.size() > 1 ? tr("%n run(s)", nullptr, int(r.runIds.size()))
                                                     : QString();
        const QString state = r.state == ReportFileState::Changed      ? tr("changed since saved")
                              : r.state == ReportFileState::Missing    ? tr("file missing")
                              : r.state == ReportFileState::Unrecorded ? tr("not recorded")
                                                                       : QString();
        const QStringList cells{r.title.isEmpty() ? QFileInfo(r.fileName).completeBaseName() : r.title,
                                kind,
                                covers,
                                r.format.toUpper(),
                                locale.formattedDataSize(r.bytes),
                                r.modified.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                state,
                                r.fileName};
        const QString stateTip = r.state == ReportFileState::Changed
                                     ? tr("The file differs from the one saved: its size or SHA-256 changed.")
                                 : r.state == ReportFileState::Missing
                                     ? tr("The file is gone; Delete forgets the report.")
                                 : r.state == ReportFileState::Unrecorded
                                     ? tr("A file in the reports folder that the project has no record of.")
                                     : QString();
        for (int col = 0; col < Columns; ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            QString tip = QDir::toNativeSeparators(r.path);
            if (col == Covers && !r.runIds.isEmpty()) {
                QStringList lines;
                for (int i = 0; i < r.runIds.size(); ++i)
                    lines << (r.runNames.value(i).isEmpty()
                                  ? r.runIds[i]
                                  : QStringLiteral("%1 (%2)").arg(r.runNames.value(i), r.runIds[i]));
                tip = lines.join(QLatin1Char('\n'));
            }
            if (col == State && !stateTip.isEmpty())
                tip = stateTip;
            item->setToolTip(tip);
            if (col == State && r.state != ReportFileState::Recorded && r.state != ReportFileState::Unrecorded)
                item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            if (col == Size)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, col, item);
        }
    }
    m_empty->setVisible(m_reports.empty());
    m_table->setVisible(!m_reports.empty());
    selectFile(selected);
    updateButtons();
    Q_EMIT refreshed();
}

QString ReportsPanel::selectedFile() const
{
    const int row = m_table->currentRow();
    const bool selected = row >= 0 && m_table->item(row, 0) && m_table->item(row, 0)->isSelected();
    return selected && row < int(m_reports.size()) ? m_reports[size_t(row)].path : QString();
}

void ReportsPanel::selectFile(const QString &file)
{
    for (int row = 0; row < int(m_reports.size()); ++row)
        if (!file.isEmpty() && m_reports[size_t(row)].path == file) {
            m_table->selectRow(row);
            return;
        }
    m_table->clearSelection();
}

void ReportsPanel::updateButtons()
{
    const bool one = !selectedFile().isEmpty();
    const int row = m_table->currentRow();
    m_open->setEnabled(one && row >= 0 && row < int(m_reports.size())
                       && m_reports[size_t(row)].state != ReportFileState::Missing);
    m_folder->setEnabled(!m_projectDir.isEmpty());
    m_delete->setEnabled(one);
}

void ReportsPanel::openSelected()
{
    const QString file = selectedFile();
    if (!file.isEmpty() && !QDesktopServices::openUrl(QUrl::fromLocalFile(file)))
        QMessageBox::warning(this, tr("Open report"),
                             tr("No application opens %1.").arg(QDir::toNativeSeparators(file)));
}

void ReportsPanel::showSelectedInFolder()
{
    const QString file = selectedFile();
    const QString dir = file.isEmpty() ? reportsDir() : QFileInfo(file).absolutePath();
    if (!dir.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(dir).isDir() ? dir : m_projectDir));
}

bool ReportsPanel::deleteSelected()
{
    const QString file = selectedFile();
    if (file.isEmpty())
        return false;
    const int row = m_table->currentRow();
    const ReportFileEntry entry = m_reports[size_t(row)];
    const bool gone = entry.state == ReportFileState::Missing;
    const auto answer = QMessageBox::question(
        this, tr("Delete report"),
        gone ? tr("Forget the report %1? Its file is already gone; the runs it describes stay.")
                   .arg(QFileInfo(file).fileName())
             : tr("Delete the report %1? The file is removed and the project forgets it; the runs it describes stay.")
                   .arg(QFileInfo(file).fileName()));
    if (answer != QMessageBox::Yes)
        return false;
    if (!gone && QFileInfo::exists(file) && !QFile::remove(file)) {
        QMessageBox::warning(this, tr("Delete report"), tr("%1 cannot be deleted.").arg(QDir::toNativeSeparators(file)));
        return false;
    }
    if (entry.recordId > 0 && m_project) {
        try {
            projects::report::ReportStore(*m_project).remove(entry.recordId);
        } catch (const std::exception &e) {
            QMessageBox::warning(this, tr("Delete report"),
                                 tr("The project still lists %1: %2")
                                     .arg(QDir::toNativeSeparators(file), QString::fromUtf8(e.what())));
        }
    }
    refresh();
    return true;
}

void ReportsPanel::contextMenu(const QPoint &pos)
{
    if (selectedFile().isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(m_open->text(), this, &ReportsPanel::openSelected);
    menu.addAction(m_folder->text(), this, &ReportsPanel::showSelectedInFolder);
    menu.addAction(m_delete->text(), this, [this] { deleteSelected(); });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace seekbench::ui
