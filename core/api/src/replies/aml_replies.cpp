#include "seekbench/replies/aml_replies.h"

#include "reply_json.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace seekbench::replies {

using detail::array;
using detail::object;
using detail::parseObject;
using detail::required;

namespace {
// A rate: a number, or null for one the CLI could not compute (nlohmann writes NaN as null).
double rate(const std::string &what, const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    if (it != j.end() && it->is_null())
        return std::numeric_limits<double>::quiet_NaN();
    return required<double>(what, j, key, "a number");
}
} // namespace

// ---- generate ---------------------------------------------------------------------------

std::string AmlGenerateReply::toJson() const
{
    return nlohmann::json{{"transactions", transactions}, {"new_accounts", newAccounts}, {"first_id", firstId},
                          {"laundering", laundering},     {"patterns", patterns},        {"seed", seed}}
        .dump();
}

AmlGenerateReply AmlGenerateReply::fromJson(const std::string &document)
{
    const std::string what = "aml generate reply";
    const nlohmann::json j = parseObject(what, document);
    AmlGenerateReply r;
    r.transactions = required<std::int64_t>(what, j, "transactions", "an integer");
    r.newAccounts = required<std::int64_t>(what, j, "new_accounts", "an integer");
    r.firstId = required<std::int64_t>(what, j, "first_id", "an integer");
    r.laundering = required<std::int64_t>(what, j, "laundering", "an integer");
    r.patterns = required<std::int64_t>(what, j, "patterns", "an integer");
    // The parser reads a non-negative integer as unsigned: a signed one is negative.
    if (const auto s = j.find("seed"); s != j.end() && s->is_number_integer() && !s->is_number_unsigned())
        throw std::invalid_argument(what + ": key 'seed' is not an unsigned integer");
    r.seed = required<std::uint64_t>(what, j, "seed", "an unsigned integer");
    return r;
}

// ---- import -----------------------------------------------------------------------------

std::string AmlImportReply::toJson() const
{
    return nlohmann::json{{"import_id", importId},      {"lines", lines},
                          {"imported", imported},       {"new_accounts", newAccounts},
                          {"quarantined", quarantined}, {"quarantine", quarantine}}
        // The quarantine path is the user's bytes (a CSV named in another encoding):
        // U+FFFD for bad bytes, never an exception after the rows were stored.
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

AmlImportReply AmlImportReply::fromJson(const std::string &document)
{
    const std::string what = "aml import reply";
    const nlohmann::json j = parseObject(what, document);
    AmlImportReply r;
    r.importId = required<std::int64_t>(what, j, "import_id", "an integer");
    r.lines = required<std::int64_t>(what, j, "lines", "an integer");
    r.imported = required<std::int64_t>(what, j, "imported", "an integer");
    r.newAccounts = required<std::int64_t>(what, j, "new_accounts", "an integer");
    r.quarantined = required<std::int64_t>(what, j, "quarantined", "an integer");
    r.quarantine = required<std::string>(what, j, "quarantine", "a string");
    return r;
}

// ---- alerts -----------------------------------------------------------------------------

std::string AmlAlertsReply::toJson() const
{
    nlohmann::json points = nlohmann::json::array();
    for (const auto &p : curve)
        points.push_back({{"threshold", p.threshold},
                          {"precision", p.precision},
                          {"recall", p.recall},
                          {"fpr", p.fpr},
                          {"alerts", p.alerts}});
    nlohmann::json items = nlohmann::json::array();
    for (const auto &a : alerts)
        items.push_back({{"id", a.id},
                         {"tx_id", a.txId},
                         {"account_id", a.accountId},
                         {"score", a.score},
                         {"severity", a.severity},
                         {"reasons", a.reasons},
                         {"status", a.status},
                         {"notes", a.notes}});
    const auto &op = operatingPoint;
    const nlohmann::json j{{"run", run},
                           {"model", model},
                           {"figures_period", figuresPeriod},
                           {"threshold_period", thresholdPeriod},
                           {"days", days},
                           {"positives", positives},
                           {"operating_point",
                            {{"threshold", op.threshold},
                             {"precision", op.precision},
                             {"recall", op.recall},
                             {"fpr", op.fpr},
                             {"alerts_per_day", op.alertsPerDay},
                             {"expected_cost", op.expectedCost},
                             {"capacity_bound", op.capacityBound},
                             {"precision_at_capacity", op.precisionAtCapacity}}},
                           {"recall_at_fpr",
                            {{"target", recallAtFpr.target},
                             {"recall", recallAtFpr.recall},
                             {"threshold", recallAtFpr.threshold},
                             {"fpr", recallAtFpr.fpr}}},
                           {"curve", points},
                           {"alerts_total", alertsTotal},
                           {"alerts", items}};
    return j.dump(1);
}

AmlAlertsReply AmlAlertsReply::fromJson(const std::string &document)
{
    const std::string what = "aml alerts reply";
    const nlohmann::json j = parseObject(what, document);
    AmlAlertsReply r;
    r.run = required<std::string>(what, j, "run", "a string");
    r.model = required<std::string>(what, j, "model", "a string");
    r.figuresPeriod = required<std::string>(what, j, "figures_period", "a string");
    r.thresholdPeriod = required<std::string>(what, j, "threshold_period", "a string");
    r.days = required<double>(what, j, "days", "a number");
    r.positives = required<std::int64_t>(what, j, "positives", "an integer");

    const std::string opWhat = what + ": operating_point";
    const nlohmann::json &op = object(what, j, "operating_point");
    r.operatingPoint.threshold = rate(opWhat, op, "threshold");
    r.operatingPoint.precision = rate(opWhat, op, "precision");
    r.operatingPoint.recall = rate(opWhat, op, "recall");
    r.operatingPoint.fpr = rate(opWhat, op, "fpr");
    r.operatingPoint.alertsPerDay = rate(opWhat, op, "alerts_per_day");
    r.operatingPoint.expectedCost = rate(opWhat, op, "expected_cost");
    r.operatingPoint.capacityBound = required<bool>(opWhat, op, "capacity_bound", "a boolean");
    r.operatingPoint.precisionAtCapacity = rate(opWhat, op, "precision_at_capacity");

    const std::string atWhat = what + ": recall_at_fpr";
    const nlohmann::json &at = object(what, j, "recall_at_fpr");
    r.recallAtFpr.target = rate(atWhat, at, "target");
    r.recallAtFpr.recall = rate(atWhat, at, "recall");
    r.recallAtFpr.threshold = rate(atWhat, at, "threshold");
    r.recallAtFpr.fpr = rate(atWhat, at, "fpr");

    const nlohmann::json &points = array(what, j, "curve");
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::string pWhat = what + ": curve[" + std::to_string(i) + "]";
        if (!points[i].is_object())
            throw std::invalid_argument(pWhat + " is not an object");
        const nlohmann::json &p = points[i];
        r.curve.push_back({rate(pWhat, p, "threshold"), rate(pWhat, p, "precision"), rate(pWhat, p, "recall"),
                           rate(pWhat, p, "fpr"), required<std::int64_t>(pWhat, p, "alerts", "an integer")});
    }
    r.alertsTotal = required<std::int64_t>(what, j, "alerts_total", "an integer");

    const nlohmann::json &items = array(what, j, "alerts");
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string aWhat = what + ": alerts[" + std::to_string(i) + "]";
        if (!items[i].is_object())
            throw std::invalid_argument(aWhat + " is not an object");
        const nlohmann::json &a = items[i];
        AmlAlertItem item;
        item.id = required<std::int64_t>(aWhat, a, "id", "an integer");
        item.txId = required<std::int64_t>(aWhat, a, "tx_id", "an integer");
        item.accountId = required<std::int64_t>(aWhat, a, "account_id", "an integer");
        item.score = rate(aWhat, a, "score");
        item.severity = required<std::string>(aWhat, a, "severity", "a string");
        for (const auto &reason : array(aWhat, a, "reasons")) {
            if (!reason.is_string())
                throw std::invalid_argument(aWhat + ": key 'reasons' is not an array of strings");
            item.reasons.push_back(reason.get<std::string>());
        }
        if (a.contains("status"))
            item.status = required<std::string>(aWhat, a, "status", "a string");
        if (a.contains("notes"))
            item.notes = required<std::string>(aWhat, a, "notes", "a string");
        r.alerts.push_back(std::move(item));
    }
    return r;
}

// ---- train's JSON lines -----------------------------------------------------------------

std::string TrainEventLine::toJson() const
{
    nlohmann::json j{{"event", event}};
    if (step)
        j["step"] = *step;
    return j.dump();
}

TrainEventLine TrainEventLine::fromJson(const std::string &line)
{
    const std::string what = "train event line";
    const nlohmann::json j = parseObject(what, line);
    TrainEventLine e;
    e.event = required<std::string>(what, j, "event", "a string");
    if (j.contains("step"))
        e.step = required<std::int64_t>(what, j, "step", "an integer");
    else if (e.event == "step")
        throw std::invalid_argument(what + ": key 'step' is missing");
    return e;
}

} // namespace seekbench::replies
