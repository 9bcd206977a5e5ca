#include "runs/run_files_view.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace seekbench::ui {

namespace {

enum Column { Kind, Format, Step, File, Size, Hash, Created, Columns };

std::vector<projects::ArtifactRecord> readFiles(std::shared_ptr<const projects::Project> project, std::string runId)
{
    try {
        return projects::RunStore(*project).artifacts(runId);
    } catch (const std::exception &) {
        return {}; // a run deleted meanwhile, a store being recovered: nothing to list
    }
}

} // namespace

RunFilesView::RunFilesView(QWidget *parent)
    : QWidget(parent), m_reader(new QFutureWatcher<std::vector<projects::ArtifactRecord>>(this))
{
    setObjectName(QStringLiteral("runFilesView"));
    auto *layout = new QVBoxLayout(this);
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    m_table = new QTableWidget(0, Columns, this);
    m_table->setObjectName(QStringLiteral("runFilesTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    connect(m_reader, &QFutureWatcherBase::finished, this, [this] { showFiles(m_reader->result()); });
    retranslate();
}

void RunFilesView::retranslate()
{
    m_table->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Format"), tr("Step"), tr("File"), tr("Size"), tr("SHA-256"), tr("Created")});
    m_empty->setText(tr("No files recorded for this run yet. Checkpoints appear as it trains; Runs > Export model… "
                        "adds model files."));
}

void RunFilesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
    QWidget::changeEvent(event);
}

void RunFilesView::setRun(std::shared_ptr<const projects::Project> project, const QString &runId)
{
    m_project = std::move(project);
    m_runId = runId;
    refresh();
}

void RunFilesView::refresh()
{
    if (!m_project || m_runId.isEmpty()) {
        showFiles({});
        return;
    }
    m_reader->setFuture(QtConcurrent::run(readFiles, m_project, m_runId.toStdString()));
}

void RunFilesView::showFiles(const std::vector<projects::ArtifactRecord> &files)
{
    const QLocale locale;
    m_table->setRowCount(int(files.size()));
    for (int row = 0; row < int(files.size()); ++row) {
        const projects::ArtifactRecord &a = files[size_t(row)];
        const QString kind = a.kind == "model"        ? tr("model")
                             : a.kind == "checkpoint" ? tr("checkpoint")
                             : a.kind == "export"     ? tr("curves")
                                                      : QString::fromStdString(a.kind);
        const QString hash = QString::fromStdString(a.sha256);
        const QStringList cells{kind,
                                QString::fromStdString(a.format),
                                a.step ? QString::number(*a.step) : QString(),
                                QString::fromStdString(a.path),
                                locale.formattedDataSize(a.bytes),
                                hash.left(12),
                                QDateTime::fromMSecsSinceEpoch(qint64(a.createdAt * 1000))
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm"))};
        for (int col = 0; col < Columns; ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            if (col == Hash)
                item->setToolTip(hash);
            if (!a.command.empty())
                item->setToolTip(col == Hash ? hash : tr("Made by: %1").arg(QString::fromStdString(a.command)));
            if (col == Step || col == Size)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, col, item);
        }
    }
    m_empty->setVisible(files.empty());
    Q_EMIT refreshed();
}

} // namespace seekbench::ui
