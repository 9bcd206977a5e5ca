#pragma once

// What the analyst views read and write (issue 10): alerts in a time window with filters
// (the timeline), an account's activity per day, the ego network of an account up to a
// time (the case's transaction graph), and the analyst's status and notes on an alert.
// Every value reaches SQL through bound parameters. See docs/aml-store.md (schema 7).

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

// The analyst's statuses, in workflow order.
const std::vector<std::string> &amlAlertStatuses(); // new, reviewing, escalated, dismissed
bool isAmlAlertStatus(const std::string &status);
// Throws std::invalid_argument for notes with a control character other than a newline or
// a tab: "the notes of alert 12 hold a control character (\e)".
void checkAmlNotes(std::int64_t alertId, const std::string &notes);

struct AmlAlertQuery
{
    std::string runId, model = "graph";
    double fromTs = -std::numeric_limits<double>::infinity();
    double toTs = std::numeric_limits<double>::infinity();
    double minScore = 0;
    std::vector<std::string> statuses; // empty: every status
    std::optional<std::int64_t> accountId;
    std::optional<std::string> typology; // '' normal/unknown, "cycle", ...
    int limit = 1'000'000;
};

// One alert as the timeline draws it: its transaction's time and typology joined in.
struct AmlTimelineAlert
{
    std::int64_t id = 0, txId = 0, accountId = 0;
    double ts = 0, score = 0;
    std::string severity, status, typology; // typology '' when unknown or normal
};

// Money in and out of an account per day (UTC).
struct AmlActivityDay
{
    double dayTs = 0;
    double amountIn = 0, amountOut = 0;
    int countIn = 0, countOut = 0;
};

struct AmlEgoNode
{
    std::int64_t accountId = 0;
    std::string name;
    int hop = 0; // 0: the case's account
    int label = -1;
};

struct AmlEgoEdge
{
    std::int64_t txId = 0, from = 0, to = 0; // account ids
    double ts = 0, amount = 0;
    int label = -1;
};

// The accounts within `hops` transfers of an account (either direction) and the transfers
// among them up to a time, in time order.
struct AmlEgoNetwork
{
    std::vector<AmlEgoNode> nodes;
    std::vector<AmlEgoEdge> edges;
    bool truncated = false; // a cap was hit: accounts or transfers left out
};

struct AmlEgoOptions
{
    int hops = 2;
    double upToTs = std::numeric_limits<double>::infinity();
    int maxNodes = 300;
    int maxEdges = 5000;
    int perAccountLimit = 200; // transfers read per account and direction
};

class AmlCaseStore
{
public:
    explicit AmlCaseStore(const Project &project);
    ~AmlCaseStore();
    AmlCaseStore(const AmlCaseStore &) = delete;
    AmlCaseStore &operator=(const AmlCaseStore &) = delete;

    // Alerts of a run and model matching the query, in time order.
    std::vector<AmlTimelineAlert> alerts(const AmlAlertQuery &query);
    // The run and model of the newest alerts (for views given no run); nullopt without alerts.
    std::optional<std::pair<std::string, std::string>> latestAlertRun();
    // Days with transfers of the account, in time order.
    std::vector<AmlActivityDay> activity(std::int64_t accountId);
    // Throws std::invalid_argument naming an unknown account.
    AmlEgoNetwork egoNetwork(std::int64_t accountId, const AmlEgoOptions &options);

    // The analyst's changes, in one write: the status and/or the notes (nullopt: unchanged)
    // of the alert's transaction in its run and model, kept across thresholds (an alert
    // re-created for the same transaction shows them). Throws std::invalid_argument naming
    // an unknown alert or status, or a control character in the notes other than a newline
    // or a tab (checkAmlNotes).
    void review(std::int64_t alertId, const std::optional<std::string> &status, const std::optional<std::string> &notes);
    void setStatus(std::int64_t alertId, const std::string &status) { review(alertId, status, std::nullopt); }
    void setNotes(std::int64_t alertId, const std::string &notes) { review(alertId, std::nullopt, notes); }

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seekbench::projects
