#include "runs/runs_table_view.h"

#include "runs/frozen_columns_table.h"
#include "runs/runs_filter_proxy.h"
#include "runs/runs_table_model.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSet>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace seekbench::ui {

namespace {
// The status column shows its text as any cell does, with the run's progress as a thin
// bar along the bottom: no progress-bar groove, which read as a white box in a selected
// row and cut the text in two.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const double p = index.data(RunsTableModel::ProgressRole).toDouble();
        if (p <= 0
            || seekbench::parseRunStatus(index.data(RunsTableModel::StatusRole).toString().toStdString())
                   != seekbench::RunStatus::Running)
            return;
        const bool selected = option.state & QStyle::State_Selected;
        const QRect track = option.rect.adjusted(3, option.rect.height() - 5, -3, -2);
        QColor groove = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Mid);
        groove.setAlpha(90);
        painter->fillRect(track, groove);
        QRect done = track;
        done.setWidth(int(track.width() * std::min(1.0, p)));
        painter->fillRect(done, option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
    }
};

const char *const kStatuses[] = {"queued", "running", "finished", "failed", "cancelled", "crashed"};
constexpr int kStatusWidth = 150;
constexpr int kNameWidth = 150;
constexpr int kOtherWidth = 110;
} // namespace

RunsTableView::RunsTableView(RunsTableModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(new RunsFilterProxy(this))
{
    setObjectName(QStringLiteral("runsTableView"));
    m_proxy->setSourceModel(model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *bar = new QHBoxLayout;
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("runsFilterEdit"));
    m_text->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(QString(), QString());
    for (const char *s : kStatuses)
        m_status->addItem(QString(), QString::fromLatin1(s));
    m_tag = new QComboBox(this);
    m_tag->setObjectName(QStringLiteral("tagFilter"));
    m_tag->addItem(QString(), QString());
    bar->addWidget(m_text, 1);
    bar->addWidget(m_status);
    bar->addWidget(m_tag);
    layout->addLayout(bar);
    m_table = new FrozenColumnsTable(RunsTableModel::NameColumn + 1, this);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_table->horizontalHeader()->setDefaultSectionSize(kOtherWidth);
    m_table->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    m_table->setItemDelegateForColumn(RunsTableModel::StatusColumn, new ProgressDelegate(m_table));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false); // one line a run; a narrow column elides
    m_table->frozenView()->setWordWrap(false);
    m_table->sortByColumn(RunsTableModel::CreatedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->frozenView()->verticalHeader()->setDefaultSectionSize(m_table->verticalHeader()->defaultSectionSize());
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_table, 1);
    applyWidths();

    // Widths the user sets are remembered by column key; new columns get theirs back.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
        if (m_applying)
            return;
        m_widths.insert(m_model->columnKey(section), size); // the filter keeps the model's columns
        saveColumns();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunsTableView::applyWidths);
    connect(m_proxy, &QAbstractItemModel::columnsInserted, this, &RunsTableView::applyWidths);

    connect(m_text, &QLineEdit::textChanged, m_proxy, [this](const QString &t) { m_proxy->setText(t); });
    connect(m_status, qOverload<int>(&QComboBox::currentIndexChanged), m_proxy,
            [this](int) { m_proxy->setStatus(m_status->currentData().toString()); });
    connect(m_tag, qOverload<int>(&QComboBox::currentIndexChanged), m_proxy,
            [this](int) { m_proxy->setTag(m_tag->currentData().toString()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT selectionChanged(selectedRunIds()); });
    connect(m_table, &QTableView::customContextMenuRequested, this,
            [this](const QPoint &pos) { Q_EMIT contextMenuRequested(m_table->viewport()->mapToGlobal(pos)); });
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            [this](const QPoint &pos) { chooseColumns(m_table->horizontalHeader()->mapToGlobal(pos)); });
    retranslate();
}

void RunsTableView::retranslate()
{
    m_text->setPlaceholderText(tr("Filter runs by name, id, tag or note"));
    m_status->setItemText(0, tr("Any status"));
    for (int i = 1; i < m_status->count(); ++i)
        m_status->setItemText(i, RunsTableModel::statusText(m_status->itemData(i).toString()));
    m_tag->setItemText(0, tr("Any tag"));
    m_table->horizontalHeader()->setToolTip(tr("Right-click to choose the columns"));
}

void RunsTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RunsTableView::refreshTagFilter()
{
    QSet<QString> tags;
    for (const auto &r : m_model->runs())
        for (const auto &t : r.tags)
            tags.insert(QString::fromStdString(t));
    for (const QString &t : tags)
        if (m_tag->findData(t) < 0)
            m_tag->addItem(t, t);
}

QTableView *RunsTableView::table() const { return m_table; }

QString RunsTableView::settingsGroup(const QString &dir)
{
    const QByteArray path = QDir(dir).absolutePath().toUtf8();
    return QStringLiteral("projects/")
           + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex().left(16))
           + QStringLiteral("/runsTable");
}

void RunsTableView::setProject(const QString &dir)
{
    m_group = dir.isEmpty() ? QString() : settingsGroup(dir);
    m_widths.clear();
    QStringList params,
        metrics{QStringLiteral("train/loss"), QStringLiteral("eval/loss"), QStringLiteral("eval/accuracy")};
    if (!m_group.isEmpty()) {
        QSettings settings;
        settings.beginGroup(m_group);
        const QVariantMap widths = settings.value(QStringLiteral("widths")).toMap();
        for (auto it = widths.begin(); it != widths.end(); ++it)
            if (it.value().toInt() > 0)
                m_widths.insert(it.key(), it.value().toInt());
        if (settings.contains(QStringLiteral("params")))
            params = settings.value(QStringLiteral("params")).toStringList();
        if (settings.contains(QStringLiteral("metrics")))
            metrics = settings.value(QStringLiteral("metrics")).toStringList();
    }
    m_model->setParamColumns(params);
    m_model->setMetricColumns(metrics);
    applyWidths();
}

void RunsTableView::applyWidths()
{
    // Status and Name wide enough to read; the rest at the default or as remembered.
    m_applying = true;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const QString key = m_model->columnKey(c);
        const int fallback = c == RunsTableModel::StatusColumn ? kStatusWidth
                             : c == RunsTableModel::NameColumn ? kNameWidth
                                                               : kOtherWidth;
        m_table->setColumnWidth(c, m_widths.value(key, fallback));
    }
    m_applying = false;
}

void RunsTableView::saveColumns() const
{
    if (m_group.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(m_group);
    QVariantMap widths;
    for (auto it = m_widths.begin(); it != m_widths.end(); ++it)
        widths.insert(it.key(), it.value());
    settings.setValue(QStringLiteral("widths"), widths);
    settings.setValue(QStringLiteral("params"), m_model->paramColumns());
    settings.setValue(QStringLiteral("metrics"), m_model->metricColumns());
}

QStringList RunsTableView::selectedRunIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(RunsTableModel::NameColumn);
    for (const QModelIndex &i : rows)
        ids << i.data(RunsTableModel::RunIdRole).toString();
    return ids;
}

QString RunsTableView::currentRunId() const
{
    const QStringList ids = selectedRunIds();
    return ids.size() == 1 ? ids.front() : QString();
}

void RunsTableView::selectRun(const QString &runId)
{
    const int row = m_model->rowOf(runId);
    if (row < 0)
        return;
    const QModelIndex idx = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(idx);
}

void RunsTableView::chooseColumns(const QPoint &pos)
{
    QMenu menu(this);
    QMenu *params = menu.addMenu(tr("Params"));
    const QStringList chosen = m_model->paramColumns();
    for (const QString &key : m_model->knownParams()) {
        QAction *a = params->addAction(key);
        a->setCheckable(true);
        a->setChecked(chosen.contains(key));
        connect(a, &QAction::toggled, this, [this, key](bool on) {
            QStringList cols = m_model->paramColumns();
            if (on)
                cols << key;
            else
                cols.removeAll(key);
            m_model->setParamColumns(cols);
            saveColumns();
        });
    }
    QMenu *metrics = menu.addMenu(tr("Final metrics"));
    const QStringList shown = m_model->metricColumns();
    QSet<QString> known(shown.begin(), shown.end());
    for (const auto &r : m_model->runs())
        for (const auto &[k, s] : r.summary)
            known.insert(QString::fromStdString(k));
    QStringList sorted(known.begin(), known.end());
    sorted.sort();
    for (const QString &key : sorted) {
        QAction *a = metrics->addAction(key);
        a->setCheckable(true);
        a->setChecked(shown.contains(key));
        connect(a, &QAction::toggled, this, [this, key](bool on) {
            QStringList cols = m_model->metricColumns();
            if (on)
                cols << key;
            else
                cols.removeAll(key);
            m_model->setMetricColumns(cols);
            saveColumns();
        });
    }
    menu.exec(pos);
}

} // namespace seekbench::ui
