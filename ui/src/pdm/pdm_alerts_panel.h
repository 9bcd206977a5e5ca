#pragma once

#include "seekbench/pdm/windows.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QComboBox;
class QLabel;
class QTableWidget;

namespace seekbench::pdm {
struct AlertRecord;
}

namespace seekbench::widgets {
class AlertTimeline;
}

namespace seekbench::ui {

struct PdmRunData;

// A run's alerts on a timeline, one lane per failure mode, the score as height and the
// severity from the score against its mode's threshold; a true alert draws its lead time
// to the failure it matched. Filters (split, test by default; mode; true or false alerts)
// and a compact table of the alerts in view sit beside it. Clicking an alert, or double-
// clicking its row, emits alertActivated.
class PdmAlertsPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Outcome { All, True, False };

    explicit PdmAlertsPanel(QWidget *parent = nullptr);

    void setData(std::shared_ptr<const PdmRunData> data);
    void showMessage(const QString &message); // no run, or one that cannot be read

    void setSplitFilter(std::optional<pdm::Split> split);
    void setModeFilter(int mode); // -1: every mode
    void setOutcomeFilter(Outcome outcome);
    widgets::AlertTimeline *timeline() const { return m_timeline; }
    QTableWidget *table() const { return m_table; }
    // The alerts that pass the filters (on the timeline), by time.
    const std::vector<const pdm::AlertRecord *> &shownAlerts() const { return m_shown; }
    QString infoText() const;

Q_SIGNALS:
    void alertActivated(qint64 alertId, int machine);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFilters();
    void fillTable();
    void retranslate();
    QString machineName(int machine) const;

    std::shared_ptr<const PdmRunData> m_data;
    std::vector<const pdm::AlertRecord *> m_shown;
    std::unordered_map<qint64, int> m_machineOf; // alert id -> machine
    std::unordered_map<int, QString> m_names;    // machine -> name
    widgets::AlertTimeline *m_timeline;
    QTableWidget *m_table;
    QComboBox *m_split, *m_mode, *m_outcome;
    QLabel *m_splitLabel, *m_modeLabel, *m_outcomeLabel, *m_legend, *m_info;
    QTimer m_tableTimer; // the table follows zoom and pan once they settle
};

} // namespace seekbench::ui
