#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace seekbench::ui {

class RunsFilterProxy;
class RunsTableModel;

// The runs table with its filters (text, status, tag) and a column chooser on the
// header's context menu (params and metrics to show).
class RunsTableView : public QWidget
{
    Q_OBJECT
public:
    RunsTableView(RunsTableModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
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

    RunsTableModel *m_model;
    RunsFilterProxy *m_proxy;
    QLineEdit *m_text = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_tag = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace seekbench::ui
