#include "config/config_diff_view.h"

#include "config/config_diff_model.h"
#include "config/issue_text.h"
#include "seekbench/config/config_io.h"

#include <QComboBox>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace seekbench::ui {

ConfigDiffView::ConfigDiffView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("diffRunCombo"));
    layout->addWidget(m_combo);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_model = new ConfigDiffModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("diffTable"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    connect(m_combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &ConfigDiffView::refresh);
    refresh();
}

void ConfigDiffView::setEarlierRuns(const RunList &runs, const QString &selectRunId, ConfigReader configOf)
{
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    m_runs = runs;
    m_configOf = std::move(configOf);
    m_yaml.clear();
    for (const seekbench::projects::RunRecord &r : runs) {
        const QString id = QString::fromStdString(r.id);
        const QString created
            = QDateTime::fromSecsSinceEpoch(qint64(r.createdAt)).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        m_combo->addItem(tr("%1 (%2, %3)").arg(QString::fromStdString(r.name), id, created), id);
    }
    const int i = m_combo->findData(selectRunId);
    m_combo->setCurrentIndex(i >= 0 ? i : (m_combo->count() ? 0 : -1));
    refresh();
}

void ConfigDiffView::setCurrent(const seekbench::RunConfig &config)
{
    m_current = config;
    refresh();
}

void ConfigDiffView::refresh()
{
    const QString id = m_combo->currentData().toString();
    if (id.isEmpty()) {
        m_model->clear();
        m_summary->setText(tr("No earlier run in this project to compare with."));
        return;
    }
    if (!m_yaml.contains(id)) {
        for (const seekbench::projects::RunRecord &r : std::as_const(m_runs))
            if (QString::fromStdString(r.id) == id)
                m_yaml.insert(id, !r.configYaml.empty() || !m_configOf ? r.configYaml : m_configOf(r).toStdString());
    }
    const seekbench::ConfigLoad earlier = seekbench::parseRunConfig(m_yaml.value(id));
    if (!earlier.ok()) {
        m_model->clear();
        QStringList lines;
        for (const seekbench::ConfigIssue &i : earlier.issues)
            lines << IssueText::describe(i);
        m_summary->setText(tr("The config of run %1 cannot be read:\n%2").arg(id, lines.join(QLatin1Char('\n'))));
        return;
    }
    m_model->setConfigs(earlier.config, m_current);
    const int n = m_model->rowCount();
    m_summary->setText(n == 0 ? tr("Identical to the config of run %1.").arg(id)
                              : tr("%n key(s) differ from run %1.", "", n).arg(id));
}

} // namespace seekbench::ui
