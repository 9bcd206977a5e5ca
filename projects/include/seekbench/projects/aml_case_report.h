#pragma once

// An AML case: everything the case report shows about an alert or an account, read from
// the project's store in one place. The report itself is a report document
// (report/aml_case_document.h): `seekbench-cli aml report` writes it as HTML, the desktop
// case view shows the same case and writes it as HTML or PDF.

#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct AmlCaseRequest
{
    std::optional<std::int64_t> alertId;    // an alert's case
    std::optional<std::string> accountName; // or an account's, by name
    std::string runId;                      // for an account: the run whose scores to show ('' = latest)
    int transactionLimit = 500;
    int chainLimit = 50;
};

struct AmlCase
{
    std::string projectDir, runId, model = "graph";
    std::string runName; // the run's name in the project's run store; "" when it has none
    AccountRow account;
    std::optional<AmlAlertRow> alert;
    std::vector<std::string> reasons;   // the alert's reason codes, parsed
    std::optional<double> accountScore; // graph model's account risk
    std::vector<AmlAlertRow> accountAlerts;
    std::vector<TransactionRow> transactions; // the account's, in time order
    std::map<std::int64_t, float> scores;     // tx id -> score, for `transactions`
    TraceResult trace;
    TraceOptions traceOptions;                 // what `trace` was traced with
    std::map<std::int64_t, std::string> names; // account id -> name, for the chains
    std::string notes;

    const std::string &nameOf(std::int64_t accountId) const;
};

// Throws std::invalid_argument naming an unknown alert or account, or an alert whose
// reasons_json is not a JSON list of strings.
AmlCase loadAmlCase(const Project &project, const AmlCaseRequest &request);
// The reason codes of alert `alertId` from its reasons_json; throws std::invalid_argument
// naming the alert and what is wrong.
std::vector<std::string> parseAmlReasons(const std::string &reasonsJson, std::int64_t alertId);

} // namespace seekbench::projects
