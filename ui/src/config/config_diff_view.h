#pragma once

#include "common/run_list.h"
#include "seekbench/config/run_config.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QTableView;

namespace seekbench::ui {

class ConfigDiffModel;

// The editor's Diff tab: pick an earlier run of the project; the keys where its config
// differs from the one being edited are listed, and follow every edit.
class ConfigDiffView : public QWidget
{
    Q_OBJECT
public:
    // Reads a run's config snapshot when its record has none; called for the run shown only.
    using ConfigReader = std::function<QString(const seekbench::projects::RunRecord &)>;

    explicit ConfigDiffView(QWidget *parent = nullptr);

    ConfigDiffModel *model() const { return m_model; }
    void setEarlierRuns(const RunList &runs, const QString &selectRunId, ConfigReader configOf);
    void setCurrent(const seekbench::RunConfig &config);

private:
    void refresh();

    seekbench::RunConfig m_current;
    RunList m_runs;
    ConfigReader m_configOf;
    QHash<QString, std::string> m_yaml; // run id -> config snapshot, read once
    QComboBox *m_combo;
    QLabel *m_summary;
    QTableView *m_table;
    ConfigDiffModel *m_model;
};

} // namespace seekbench::ui
