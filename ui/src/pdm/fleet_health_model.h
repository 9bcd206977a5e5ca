#pragma once

#include "seekbench/pdm/run_results.h"
#include "seekbench/projects/pdm_results.h"

#include <QAbstractTableModel>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace seekbench::ui {

// One machine of the fleet table: its texts and sort keys computed once, off the GUI thread.
struct FleetRow
{
    static constexpr int kColumns = 10;
    int machine = 0;
    pdm::Split split = pdm::Split::Train;
    std::array<QString, kColumns> text;
    std::array<double, kColumns> key{}; // NaN sorts last in either order
    QString riskTip;
    QString nameFolded; // for the search
    std::vector<float> spark;
    int level = 0; // the risk now against its mode's threshold: 0 low, 1 near, 2 above
    int alerts = 0, failures = 0;
};

struct FleetRows
{
    std::vector<FleetRow> rows; // in fleet order
    pdm::TimeUnit unit = pdm::TimeUnit::Seconds;
};

// The fleet's health, one row per machine, worst first by default. Sorting is an index
// sort on precomputed keys (a layout change, no string compares), and the split filter and
// name search act on that index, so 1,000 machines sort in well under a frame.
class FleetHealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Split, Risk, Mode, Rul, PeakRisk, Alerts, Failures, LastReading, Trend };
    enum Role { MachineRole = Qt::UserRole + 1, SortKeyRole, LevelRole };
    struct Summary
    {
        int machines = 0, atRisk = 0, alerts = 0, failures = 0;
    };

    explicit FleetHealthModel(QObject *parent = nullptr);

    // The rows of a run's machines, checked: a machine whose figures cannot be shown (a
    // mode the run does not have, a damaged sparkline) gives null and `error` naming it.
    static std::shared_ptr<const FleetRows> buildRows(const projects::PdmRunRecord &run,
                                                      const std::vector<pdm::MachineHealth> &machines, QString *error);

    void setRows(std::shared_ptr<const FleetRows> rows); // keeps the current sort and filters
    void clear() { setRows(nullptr); }
    void setSplitFilter(std::optional<pdm::Split> split);
    void setSearch(const QString &text);
    std::optional<pdm::Split> splitFilter() const { return m_split; }
    Summary summary() const; // of the rows shown
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // The sparkline of a row, for the delegate (no copy through QVariant per paint).
    const FleetRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    void sortOrderVector();
    void refilter();

    std::shared_ptr<const FleetRows> m_rows;
    std::vector<int> m_order; // all rows, sorted
    std::vector<int> m_shown; // m_order filtered
    int m_sortColumn = Risk;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    std::optional<pdm::Split> m_split;
    QString m_search;
};

} // namespace seekbench::ui
