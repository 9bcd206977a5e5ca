#include "seekbench/projects/aml_case_report.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/run_store.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>

namespace seekbench::projects {

using nlohmann::json;

std::vector<std::string> parseAmlReasons(const std::string &reasonsJson, std::int64_t alertId)
{
    const std::string where = "alert " + std::to_string(alertId) + ": reasons_json ";
    json j;
    try {
        j = json::parse(reasonsJson);
    } catch (const json::exception &e) {
        throw std::invalid_argument(where + "is not valid JSON (" + e.what() + ")");
    }
    if (!j.is_array())
        throw std::invalid_argument(where + "is not a JSON list");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_string())
            throw std::invalid_argument(where + "item " + std::to_string(i + 1) + " is not a string");
        out.push_back(j[i].get<std::string>());
    }
    return out;
}

const std::string &AmlCase::nameOf(std::int64_t accountId) const
{
    static const std::string unknown = "?";
    const auto it = names.find(accountId);
    return it == names.end() ? unknown : it->second;
}

AmlCase loadAmlCase(const Project &project, const AmlCaseRequest &request)
{
    TransactionStore store(project);
    AmlResultStore results(project);
    AmlCase c;
    c.projectDir = project.dir().string();
    if (request.alertId) {
        c.alert = results.alert(*request.alertId);
        if (!c.alert)
            throw std::invalid_argument("no alert " + std::to_string(*request.alertId) + " in the project");
        const auto account = store.account(c.alert->accountId);
        if (!account)
            throw std::invalid_argument("alert " + std::to_string(c.alert->id) + " names account "
                                        + std::to_string(c.alert->accountId) + ", which is not in the project");
        c.account = *account;
        c.reasons = parseAmlReasons(c.alert->reasonsJson, c.alert->id);
        c.runId = c.alert->runId;
        c.model = c.alert->model;
        c.notes = c.alert->notes;
    } else if (request.accountName) {
        const auto account = store.accountByName(*request.accountName);
        if (!account)
            throw std::invalid_argument("no account '" + *request.accountName + "' in the project");
        c.account = *account;
        c.runId = !request.runId.empty() ? request.runId : results.latestScoredRun().value_or("");
    } else {
        throw std::invalid_argument("a case needs an alert or an account");
    }
    c.transactions = store.transactionsOf(c.account.id, request.transactionLimit);
    if (!c.runId.empty()) {
        std::map<std::int64_t, bool> wanted;
        for (const auto &t : c.transactions)
            wanted[t.id] = true;
        for (const auto &[id, s] : results.scores(c.runId, c.model))
            if (wanted.count(id))
                c.scores[id] = s;
        c.accountScore = results.accountScore(c.runId, "graph", c.account.id);
    }
    if (!c.runId.empty())
        if (const auto run = RunStore(project).findRun(c.runId))
            c.runName = run->name;
    c.accountAlerts = results.alertsOfAccount(c.account.id, 50);
    Tracer tracer(project);
    c.traceOptions.frontierCap = request.chainLimit;
    c.trace = c.alert ? tracer.fromTransaction(c.alert->txId, c.traceOptions)
                      : tracer.fromAccount(c.account.id, 0, 1e18, c.traceOptions);
    c.names[c.account.id] = c.account.name;
    for (const auto &chain : c.trace.chains)
        for (const auto &h : chain.hops)
            for (const std::int64_t id : {h.from, h.to})
                if (!c.names.count(id))
                    c.names[id] = store.account(id).value_or(AccountRow{}).name;
    return c;
}

} // namespace seekbench::projects
