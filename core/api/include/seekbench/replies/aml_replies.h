#pragma once

// What `seekbench-cli aml generate|import|alerts` print on stdout for the GUI, and the
// JSON-lines `step` events of `aml train`. The CLI's documented keys; fromJson throws
// std::invalid_argument naming the missing or malformed key. A rate the CLI could not
// compute (no alerts: precision 0/0) is printed as null by the JSON writer: it reads
// back as NaN, and NaN is written as null.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::replies {

// aml generate (with --project): {"transactions","new_accounts","first_id","laundering","patterns","seed"}.
struct AmlGenerateReply
{
    std::int64_t transactions = 0, newAccounts = 0, firstId = 0, laundering = 0, patterns = 0;
    std::uint64_t seed = 0;

    std::string toJson() const;
    static AmlGenerateReply fromJson(const std::string &document);
};

// aml import: {"import_id","lines","imported","new_accounts","quarantined","quarantine"}
// ("quarantine": the file of bad rows, empty when there were none).
struct AmlImportReply
{
    std::int64_t importId = 0, lines = 0, imported = 0, newAccounts = 0, quarantined = 0;
    std::string quarantine;

    std::string toJson() const;
    static AmlImportReply fromJson(const std::string &document);
};

// One point of an operating curve: {"threshold","precision","recall","fpr","alerts"}.
struct AmlCurvePoint
{
    double threshold = 0, precision = 0, recall = 0, fpr = 0;
    std::int64_t alerts = 0;
};

struct AmlAlertItem
{
    std::int64_t id = 0, txId = 0, accountId = 0;
    double score = 0;
    std::string severity;             // high | medium | low
    std::vector<std::string> reasons; // "CODE: feature=value (z=..)", ...
    // The analyst's review of the transaction: "status" (new | reviewing | escalated |
    // dismissed) and "notes"; read as new and "" from a reply without them.
    std::string status = "new";
    std::string notes = {}; // (an initializer: older aggregate initialisations stay warning-free)
};

// aml alerts --json: the whole document (printed indented over several lines).
struct AmlAlertsReply
{
    struct OperatingPoint
    {
        double threshold = 0, precision = 0, recall = 0, fpr = 0, alertsPerDay = 0, expectedCost = 0;
        bool capacityBound = false;
        double precisionAtCapacity = 0;
    };
    struct RecallAtFpr
    {
        double target = 0.021; // the run config's aml.fpr_target
        double recall = 0, threshold = 0, fpr = 0;
    };

    std::string run, model;
    // "figures_period": the months every figure below is measured on ("test"), and
    // "threshold_period": where the operating point's and recall_at_fpr's thresholds were
    // chosen ("validation", or "manual" for a threshold the user gave).
    std::string figuresPeriod = "test", thresholdPeriod = "validation";
    double days = 0;               // of the test months
    std::int64_t positives = 0;    // in the test months
    OperatingPoint operatingPoint; // "operating_point": the test figures at the chosen threshold
    RecallAtFpr recallAtFpr; // "recall_at_fpr": test recall and FPR at the validation months' FPR-target threshold
    std::vector<AmlCurvePoint> curve;
    std::int64_t alertsTotal = 0; // "alerts_total": every alert made; `alerts` lists the top --limit
    std::vector<AmlAlertItem> alerts;

    std::string toJson() const;
    static AmlAlertsReply fromJson(const std::string &document);
};

// One line of `aml train`'s (and `train`'s) JSON-lines stdout, as far as the GUI reads it:
// the event kind and, for "step" (and metric) events, the step. Other keys are ignored.
struct TrainEventLine
{
    std::string event;
    std::optional<std::int64_t> step;

    std::string toJson() const;
    static TrainEventLine fromJson(const std::string &line);
};

} // namespace seekbench::replies
