#pragma once

#include <QHash>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace seekbench::ui {

class FrozenColumnsTable;
class RunsFilterProxy;
class RunsTableModel;

// The runs table with its filters (text, status, tag) and a column chooser on the
// header's context menu (params and metrics to show). Status and Name stay in place
// while the other columns scroll; the chosen columns and their widths are remembered
// per project (setProject).
class RunsTableView : public QWidget
{
    Q_OBJECT
public:
    RunsTableView(RunsTableModel *model, QWidget *parent = nullptr);

    QTableView *table() const;
    // Restores this project's columns and widths, and remembers changes for it; an empty
    // folder forgets nothing and remembers nothing.
    void setProject(const QString &dir);
    // The settings group a project's table is remembered under.
    static QString settingsGroup(const QString &dir);
    RunsFilterProxy *proxy() const { return m_proxy; }
    QStringList selectedRunIds() const;
    QString currentRunId() const;
    void selectRun(const QString &runId);
    void refreshTagFilter();

Q_SIGNALS:
    void selectionChanged(const QStringList &runIds);
    void contextMenuRequested(const QPoint &globalPos);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void chooseColumns(const QPoint &pos);
    void applyWidths();
    void saveColumns() const;

    RunsTableModel *m_model;
    RunsFilterProxy *m_proxy;
    QLineEdit *m_text = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_tag = nullptr;
    FrozenColumnsTable *m_table = nullptr;
    QString m_group;              // settings group of the open project, empty when none
    QHash<QString, int> m_widths; // column key -> width
    bool m_applying = false;
};

} // namespace seekbench::ui
