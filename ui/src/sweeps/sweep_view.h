#pragma once

#include "sweeps/sweep_snapshot.h"

#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;
class QTableView;

namespace seekbench::ui {

class SweepCharts;
class TrialFilterProxy;
class TrialTableModel;

// One sweep: its charts above, its trial table below. Brushing the parallel coordinates
// filters the table; selecting a trial (in the table or by clicking a point) outlines it
// in the charts.
class SweepView : public QWidget
{
    Q_OBJECT
public:
    explicit SweepView(QWidget *parent = nullptr);

    void setDetail(const std::shared_ptr<const SweepDetail> &detail);
    std::shared_ptr<const SweepDetail> detail() const { return m_detail; }
    SweepCharts *charts() const { return m_charts; }
    QTableView *table() const { return m_table; }
    TrialTableModel *model() const { return m_model; }
    TrialFilterProxy *proxy() const { return m_proxy; }
    int selectedTrial() const; // -1: none
    void selectTrial(int trialNumber);
    void retranslate();

Q_SIGNALS:
    void trialSelected(int trialNumber, const QString &runId); // -1, "" when none

protected:
    void changeEvent(QEvent *event) override;

private:
    void onSelection();
    void updateSummary();

    std::shared_ptr<const SweepDetail> m_detail;
    SweepCharts *m_charts;
    QSplitter *m_splitter;
    QLabel *m_summary;
    QTableView *m_table;
    TrialTableModel *m_model;
    TrialFilterProxy *m_proxy;
};

} // namespace seekbench::ui
