#pragma once

#include "pdm/fleet_health_model.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace seekbench::ui {

class DemoOffer;
struct PdmRunData;

// The fleet at a glance: one row per machine, worst first, with its risk now, likely
// failure, predicted RUL, alerts, failures and a sparkline of its risk; a split filter and
// a name search on top, a one-line summary below. Shows what to do when the project has no
// PdM results, and the store's message (naming the machine) when a run cannot be shown.
class FleetOverview : public QWidget
{
    Q_OBJECT
public:
    explicit FleetOverview(QWidget *parent = nullptr);

    // A run's data (PdmRunLoader); keeps the user's sort and filters.
    void setData(std::shared_ptr<const PdmRunData> data);
    // No run with results in the project: the empty state, saying how to make one.
    // No run with results: the predictive maintenance demo offered (project/demo_offer.h),
    // off in a read-only project; demoReady() once it has made results.
    void showNoRuns(const QString &projectDir, bool readOnly);
    void showError(const QString &message);

    void setSplitFilter(std::optional<pdm::Split> split);
    void setSearch(const QString &text);
    FleetHealthModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    FleetHealthModel::Summary summary() const { return m_model->summary(); }
    QString summaryText() const;
    QString errorText() const;
    bool isShowingEmptyState() const;
    bool isShowingTable() const;

Q_SIGNALS:
    void machineActivated(int machine);
    void demoReady();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateSummary();
    void retranslate();

    FleetHealthModel *m_model;
    QTableView *m_table;
    QComboBox *m_split;
    QLineEdit *m_search;
    QLabel *m_heldOut, *m_summary, *m_error, *m_splitLabel;
    QStackedWidget *m_pages;
    DemoOffer *m_empty = nullptr;
    QWidget *m_tablePage;
};

} // namespace seekbench::ui
