#pragma once

// The policy view's tables (policy_view.h), filled from a replay (seekbench/pdm/policy.h).

#include "seekbench/pdm/policy.h"

#include <QList>
#include <QString>

class QLabel;
class QTableWidget;
class QWidget;

namespace seekbench::ui {

struct PolicyBar;

// The same numbers as tables, for the policy view (translated in PolicyChart's context).
// A policy's name: "Reactive", "Fixed schedule, every 30 days", "Predictive".
QString policyName(const pdm::PolicyResult &result);
QList<PolicyBar> policyBars(const pdm::PolicyComparison &comparison);
// A read-only table with a stretching last column and no selection.
QTableWidget *makePolicyTable(int rows, int columns, const char *objectName, QWidget *parent);
// One row a measure (failures, actions, downtime, cost split), one column a policy.
void fillPolicyResults(QTableWidget *table, const pdm::PolicyComparison &comparison);
// The predictive policy's change in unplanned downtime, downtime and cost against the
// reactive and fixed-schedule policies, beside the reference article's figures.
void fillPolicyReductions(QTableWidget *table, const pdm::PolicyComparison &comparison);
// The fixed schedule's grid: each interval's cost on the validation machines, the chosen one bold.
void fillScheduleTuning(QTableWidget *table, QLabel *summary, const pdm::ScheduleTuning &tuning);

} // namespace seekbench::ui
