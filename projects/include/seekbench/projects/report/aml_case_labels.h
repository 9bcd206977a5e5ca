#pragma once

// Every fixed word an AML case report (aml_case_document.h) shows: section titles, keys,
// column headers, the chart's legend. English by default (`seekbench-cli aml report`); the
// desktop application fills one with tr() strings (ui/src/aml/aml_case_labels_tr.cpp).
// Texts with %1, %2 take arguments (fillLabel in report_labels.h).
//
// The store keeps the English words of severities, statuses, models and reason codes;
// the *Name functions show them in the report's language (empty: as stored).

#include <functional>
#include <string>

namespace seekbench::projects::report {

struct AmlCaseLabels
{
    using Words = std::function<std::string(const std::string &)>;

    std::string language = "en";
    std::string contents = "Contents";
    std::string alertTitle = "Case report: alert #%1";
    std::string accountTitle = "Case report: account %1";
    std::string subtitle = "Project %1; run %2";
    std::string none = "(none)";
    std::string notRecorded = "-";

    // Section titles.
    std::string overview = "Case overview";
    std::string alert = "Alert and reasons";
    std::string account = "Account";
    std::string accountAlerts = "Alerts on this account";
    std::string transactions = "Transactions";
    std::string chains = "Traced fund chains";
    std::string notes = "Analyst's notes";
    std::string provenance = "Provenance";

    // Overview.
    std::string project = "Project";
    std::string run = "Run";
    std::string runNamed = "%1 (%2)"; // name, id
    std::string model = "Model";
    std::string alertId = "Alert";
    std::string alertNumber = "#%1";
    std::string transactionCount = "Transactions shown";
    std::string chainCount = "Traced chains";

    // The alert.
    std::string transaction = "Transaction";
    std::string score = "Score";
    std::string threshold = "Threshold";
    std::string severity = "Severity";
    std::string status = "Status";
    std::string reasons = "Reasons";
    std::string reason = "Reason";
    std::string noAlert = "No alert: the report covers the account's activity.";
    std::string noReasons = "The alert records no reasons.";

    // The account.
    std::string name = "Name";
    std::string type = "Type";
    std::string business = "business";
    std::string personal = "personal";
    std::string country = "Country";
    std::string label = "Label";
    std::string laundering = "laundering";
    std::string normal = "normal";
    std::string unknown = "unknown";
    std::string accountRisk = "Account risk (graph model)";
    std::string noAccountAlerts = "No alert was raised on this account.";

    // Transactions.
    std::string transactionsOverTime = "Transactions over time";
    std::string daysSince = "Days since %1";
    std::string received = "Received";
    std::string sent = "Sent";
    std::string alerted = "The alerted transaction";
    std::string time = "Time (UTC)";
    std::string from = "From";
    std::string to = "To";
    std::string amount = "Amount";
    std::string currency = "Currency";
    std::string channel = "Channel";
    std::string marked = "Red: the alerted transaction, and transactions labelled laundering.";
    std::string noTransactions = "The account has no transactions.";

    // Chains.
    std::string chainsSummary
        = "Chains: %1 (at most %2 hops, at most %3 h between hops, each amount within %4 % of the previous); traced in %5 ms.";
    std::string chainsTruncated = "Truncated at the frontier cap: more chains may exist.";
    std::string direction = "Direction";
    std::string forward = "forward";
    std::string backward = "backward";
    std::string cycle = "Cycle";
    std::string yes = "yes";
    std::string chain = "Chain";
    std::string hop = "→ %1 (%2, +%3 h, %4 %)"; // the next account, amount, delay, share of the first
    std::string noChains = "No chain was traced.";

    // Provenance.
    std::string seekbenchVersion = "Seekbench";
    std::string qtVersion = "Qt";
    std::string noQt = "none (a build without the desktop programs)";
    std::string generatedAt = "Generated";
    std::string generatedOn = "Generated on";

    // Stored words in the report's language; empty: as stored.
    Words severityName; // high | medium | low
    Words statusName;   // new | reviewing | escalated | dismissed
    Words modelName;    // graph | xgboost
    Words reasonText;   // one reason as the engine wrote it: "VELOCITY_24H: ..."
};

} // namespace seekbench::projects::report
