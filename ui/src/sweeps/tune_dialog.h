#pragma once

#include "seekbench/projects/run_record.h"
#include "seekbench/tuning/search_space.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace seekbench::ui {

// "Tune this run" (issue 22): a form over the run's config keys that creates a sweep from
// the run. Each key a sweep can vary (tuning::isTunableKey) is a row: whether to tune it,
// the run's value, the kind and range (first proposed by tuning::proposeParam around the
// run's value, then as the user edits them), and the points a grid uses. Below: the
// sweep's name, the objective, the sampler, the budget, how many trials at once and the
// pruner, and what it will cost before anything starts: the grid's size or the budget,
// and the wall time at this run's own duration per trial. The space is validated as it is
// edited (tuning::validateSearchSpace); the create buttons stay off while it has problems.
// Accepting writes the run's config to sweeps/<name>/base.yaml and the space to
// sweeps/<name>.yaml; SweepsMode then records the sweep through the CLI.
class TuneDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { KeyColumn, RunValueColumn, KindColumn, LowColumn, HighColumn, GridColumn, ColumnCount };

    // cores: the machine's, for the default of trials at once.
    TuneDialog(const QString &projectDir, const projects::RunRecord &run, int cores, QWidget *parent = nullptr);

    // The space as edited (base: sweeps/<name>/base.yaml); nullopt while a row's numbers do not parse.
    std::optional<tuning::SearchSpace> space() const;
    QString sweepName() const;
    QStringList problems() const { return m_problems; }
    QString costText() const;
    bool runAfterCreate() const { return m_runAfter; }

    // Rows by config key (tests and scripted use).
    int rowOf(const QString &key) const;
    void setTuned(const QString &key, bool tuned);
    void setRange(const QString &key, const QString &low, const QString &high);
    void setGrid(const QString &key, const QString &points);
    QTableWidget *table() const { return m_table; }
    QComboBox *samplerBox() const { return m_sampler; }
    QSpinBox *trialsBox() const { return m_trials; }
    QSpinBox *parallelBox() const { return m_parallel; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *createAndRunButton() const { return m_createAndRun; }

    // Writes the base config and the space file; false with a message naming the file.
    bool writeFiles(QString *spaceFile, QString *error) const;

private:
    void buildRows();
    void update();
    void onMetricChanged();
    void finish(bool run);
    QString kindText(tuning::ParamKind kind, bool log) const;

    QString m_projectDir;
    projects::RunRecord m_run;
    QLabel *m_heading, *m_cost, *m_issues;
    QLineEdit *m_name, *m_filter;
    QComboBox *m_metric, *m_direction, *m_at, *m_sampler, *m_pruner;
    QSpinBox *m_trials, *m_parallel;
    QTableWidget *m_table;
    QDialogButtonBox *m_buttons;
    QPushButton *m_create, *m_createAndRun;
    QStringList m_problems;
    bool m_runAfter = false;
    bool m_building = false;
};

} // namespace seekbench::ui
