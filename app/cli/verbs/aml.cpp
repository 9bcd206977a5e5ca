// `seekbench-cli aml generate|import|train|alerts|alert set|trace|report`: the anti-money-laundering
// analyst loop without a display. The work is in core (aml: generator, CSV, the evaluation
// of a run's models and its alerts; engine: the graph model) and projects (transaction
// store, imports, tracer, results, case reports); this file parses options, wires them
// and prints.

#include "support/options.h"
#include "support/output.h"
#include "support/signals.h"
#include "support/verb_args.h"
#include "verbs/verbs.h"

#include "seekbench/aml/csv_import.h"
#include "seekbench/aml/features.h"
#include "seekbench/aml/generator.h"
#include "seekbench/aml/run_evaluation.h"
#include "seekbench/config/config_io.h"
#include "seekbench/config/machine_memory.h"
#include "seekbench/engine/aml_scoring.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/aml_case_store.h"
#include "seekbench/projects/aml_import.h"
#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/project_layout.h"
#include "seekbench/projects/report/aml_case_document.h"
#include "seekbench/projects/report/report_html.h"
#include "seekbench/projects/run_recorder.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/trace_json.h"
#include "seekbench/projects/transactions.h"
#include "seekbench/text/terminal_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
constexpr long long kMaxId = std::numeric_limits<std::int64_t>::max();

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

using AmlArgs = VerbArgs;

int generateVerb(AmlArgs &o)
{
    aml::GeneratorOptions g;
    g.accounts = int(o.integer("--accounts", g.accounts, 1));
    g.months = int(o.integer("--months", g.months, 1));
    g.fraud_rate = o.number("--fraud-rate", g.fraud_rate);
    g.seed = std::uint64_t(o.integer("--seed", std::int64_t(g.seed), 0, std::numeric_limits<std::int64_t>::max()));
    g.tx_per_account_month = o.number("--tx-per-month", g.tx_per_account_month);
    g.difficulty = aml::difficultyFromName(o.get("--difficulty").value_or("easy"));
    if (!o.ignoreMemoryCheck) {
        if (const std::string refusal = aml::generatorMemoryRefusal(g, machineMemory()); !refusal.empty())
            throw BadInput(refusal);
    }
    const auto started = Clock::now();
    const aml::AmlData data = aml::generateTransactions(g);
    const std::int64_t laundering = std::count(data.tx.label.begin(), data.tx.label.end(), 1);
    std::fprintf(stderr,
                 "generated %zu transactions (%lld laundering in %zu patterns) between %zu accounts in %.1f s\n",
                 data.tx.size(), (long long)laundering, data.patterns.size(), data.accounts.size(),
                 secondsSince(started));
    if (const auto &csv = o.get("--csv")) {
        if (!aml::writeTransactionsCsv(*csv, data))
            throw CliFailure(ExitRuntime, "cannot write " + *csv);
        std::fprintf(stderr, "wrote %s\n", csv->c_str());
        if (!o.get("--project"))
            return ExitOk;
    }
    const auto added = TransactionStore(o.project()).append(data);
    std::printf("%s\n", replies::AmlGenerateReply{added.transactions, added.newAccounts, added.firstId, laundering,
                                                  std::int64_t(data.patterns.size()), g.seed}
                            .toJson()
                            .c_str());
    return ExitOk;
}

int importVerb(AmlArgs &o)
{
    const auto csv = o.get("--csv");
    if (!csv)
        throw BadInput("--csv FILE is required");
    Project project = o.project();
    const aml::CsvImport r = aml::readTransactionsCsv(*csv, TransactionStore(project).accounts());
    if (!r.headerError.empty())
        throw BadInput(r.headerError);
    std::string quarantine;
    if (!r.bad.empty()) {
        const auto q = o.get("--quarantine") ? std::filesystem::path(*o.get("--quarantine"))
                                             : defaultQuarantinePath(project, *csv);
        if (!aml::writeQuarantine(q, r.bad))
            throw CliFailure(ExitRuntime, "cannot write the quarantine file " + q.string() + "; nothing was imported");
        quarantine = q.string();
        for (const auto &b : r.bad)
            std::fprintf(stderr, "%s:%lld: %s\n", csv->c_str(), (long long)b.line, b.reason.c_str());
    }
    const auto reply = recordCsvImport(project, *csv, r.data, r.lines, std::int64_t(r.bad.size()), quarantine);
    std::printf("%s\n", reply.toJson().c_str());
    std::fprintf(stderr, "imported %lld of %lld rows; %zu bad rows%s%s\n", (long long)reply.imported,
                 (long long)r.lines, r.bad.size(), quarantine.empty() ? "" : " kept in ", quarantine.c_str());
    return ExitOk;
}

int trainVerb(AmlArgs &o)
{
    const auto &configFile = o.get("--config"), &resume = o.get("--resume");
    const std::filesystem::path dir = o.project().dir();
    if (!configFile && !resume)
        throw BadInput("--config FILE (a new run) or --resume RUN_ID is required");
    RunConfig config;
    if (configFile && !loadValidConfig(*configFile, o.get("--name"), config))
        return ExitBadInput;
    if (configFile && config.data.kind != "aml_transactions")
        throw BadInput("the config's data.kind is '" + config.data.kind + "'; aml train needs aml_transactions");
    // The dataset is rebuilt from the store for a new run and for a resume alike.
    const auto dataset = loadAmlDataset(Project::open(dir));
    std::unique_ptr<RunRecorder> session;
    try {
        session = resume ? RunRecorder::beginResume(dir, *resume) : RunRecorder::beginNew(dir, config, config.name);
    } catch (const std::exception &e) {
        throw BadInput(e.what()); // a run that cannot be recorded or resumed is the user's input
    }
    config = session->config();
    if (config.data.kind != "aml_transactions")
        throw BadInput("run '" + session->runId() + "' is not an AML run (data.kind " + config.data.kind + ")");
    TrainRequest request;
    request.outDir = session->outDir();
    request.resumeFrom = session->resumeCheckpoint();
    request.resumeNotes = session->resumeNotes();
    request.sink = session->sink();
    request.config = config;
    request.dataset = dataset;
    request.ignoreMemoryCheck = o.ignoreMemoryCheck;
    request.cancel = &installCancelSignals();
    request.onEvent = printEventLine;
    std::fprintf(stderr, "run %s: training the graph model on %s\n", session->runId().c_str(), dataset->origin.c_str());
    const auto started = Clock::now();
    TrainResult result = train(request);
    const double trainSeconds = secondsSince(started);
    std::fflush(stdout);

    // Score with the graph model; train the XGBoost baseline, tune both models' thresholds
    // on the validation months, measure them on the test months and raise the graph
    // model's alerts (core); store it all (projects). The headline figures go into the
    // run's final metrics.
    bool evaluated = true;
    if ((result.status == TrainStatus::Finished || result.status == TrainStatus::EarlyStopped)
        && !result.lastCheckpoint.empty()) {
        try {
            const auto &data = dataset->data;
            const auto t0 = Clock::now();
            const aml::RunEvaluation run = evaluateAmlRun(config, result.lastCheckpoint, data,
                                                          projects::ProjectLayout(dir).xgboostModelPath(
                                                              session->runId()));
            // The recorder's project: the store it already has open.
            AmlResultStore(*session->openProject()).saveRun(session->runId(), data, run);
            result.finalMetrics.insert(run.metrics.begin(), run.metrics.end());
            result.finalMetrics["aml/graph_train_seconds"] = trainSeconds;
            std::fprintf(stderr,
                         "evaluated in %.1f s (thresholds from the validation months, figures from the test "
                         "months); %zu alerts in the test months\n",
                         secondsSince(t0), run.alerts.size());
            std::fputs(aml::modelComparisonTable(run, config).c_str(), stderr);
        } catch (const std::exception &e) {
            printError("aml train", std::string("evaluating the run failed: ") + e.what());
            evaluated = false;
        }
    }
    try {
        session->end(result);
    } catch (const std::exception &e) {
        throw CliFailure(ExitRuntime, std::string("recording the end of the run failed: ") + e.what());
    }
    std::fprintf(stderr, "%s after %lld steps in %.1f s\n", toString(result.status), (long long)result.step,
                 trainSeconds);
    if (!result.message.empty())
        std::fprintf(stderr, "  %s\n", result.message.c_str());
    // eval/*: the validation months, as the trainer last saw them; aml/*: the test months
    // (aml/*validation_*: the validation months; aml/*threshold: chosen on validation).
    for (const auto &[k, v] : result.finalMetrics)
        if (k.rfind("aml/", 0) == 0 || k.rfind("eval/", 0) == 0) {
            const char *period = k.rfind("eval/", 0) == 0 || k.find("validation_") != std::string::npos
                                     ? "validation months"
                                 : k.find("threshold") != std::string::npos && k.find("fpr_at") == std::string::npos
                                     ? "chosen on the validation months"
                                 : k.find("seconds") != std::string::npos ? ""
                                                                          : "test months";
            std::fprintf(stderr, "  %s %.4f%s%s%s\n", k.c_str(), v, *period ? " (" : "", period, *period ? ")" : "");
        }
    return evaluated ? exitCodeFor(result) : ExitRuntime;
}

int alertsVerb(AmlArgs &o)
{
    std::optional<double> threshold; // above 1 nothing is alerted: refused before anything is read or replaced
    if (const auto &t = o.get("--threshold")) {
        try {
            threshold = parseNumberIn("--threshold", *t, 0, 1);
        } catch (const std::invalid_argument &) {
            throw BadInput("--threshold '" + terminalText(*t) + "' is not a score in [0, 1]");
        }
    }
    Project project = o.project();
    AmlResultStore results(project);
    const auto latest = o.get("--run") ? o.get("--run") : results.latestScoredRun();
    if (!latest)
        throw BadInput("the project has no evaluated AML run: run seekbench-cli aml train first");
    const std::string runId = *latest, model = o.get("--model").value_or("graph");
    if (model != "graph" && model != "xgboost")
        throw BadInput("--model must be graph or xgboost");
    const ConfigLoad load = parseRunConfig(RunStore(project).run(runId).configYaml);
    if (!load.ok())
        throw BadInput("the config snapshot of run '" + runId + "' does not parse");
    const aml::AmlData data = TransactionStore(project).load();
    const std::vector<float> scores = results.scoresOf(runId, model, data);
    aml::AlertOptions options = aml::alertOptions(load.config, data);
    auto &policy = options.policy;
    policy.capacity_per_day = o.number("--capacity", policy.capacity_per_day);
    policy.cost_missed = o.number("--cost-missed", policy.cost_missed);
    policy.cost_false_alert = o.number("--cost-false-alert", policy.cost_false_alert);
    if (policy.capacity_per_day <= 0 || policy.cost_missed < 0 || policy.cost_false_alert < 0)
        throw BadInput("--capacity must be positive and the costs not negative");
    options.threshold = threshold;
    const aml::AlertReview review = aml::reviewAlerts(data, aml::computeFeatures(data), scores, options);
    results.saveOperatingPoint(thresholdRow(runId, model, review.choice, review.policy), alertRows(review.alerts));
    std::vector<replies::AmlAlertItem> listed;
    for (const auto &a : results.alerts(runId, model, int(o.integer("--limit", 20, 0))))
        listed.push_back(
            {a.id, a.txId, a.accountId, a.score, a.severity, json::parse(a.reasonsJson), a.status, a.notes});
    const replies::AmlAlertsReply reply = aml::alertsReply(runId, model, review, std::move(listed));
    if (o.json)
        std::printf("%s\n", reply.toJson().c_str());
    else
        std::fputs(aml::alertsTable(reply, review.policy.capacity_per_day, options.fprTarget).c_str(), stdout);
    return ExitOk;
}

// The analyst's status and notes on an alert, kept with its transaction across thresholds
// (the desktop case view writes the same through AmlCaseStore::review).
int alertSetVerb(AmlArgs &o)
{
    if (!o.get("--alert") == !o.get("--tx"))
        throw BadInput("give --alert ID or --tx ID (one of them)");
    if (!o.get("--status") && !o.get("--note"))
        throw BadInput("give --status STATUS, --note TEXT or both");
    Project project = o.project();
    AmlResultStore results(project);
    const auto id = [&](const char *k) { return o.get(k) ? std::optional(o.integer(k, 0, 0, kMaxId)) : std::nullopt; };
    auto alert = results.findAlert(id("--alert"), id("--tx"), o.get("--run"), o.get("--model"));
    AmlCaseStore(project).review(alert.id, o.get("--status"), o.get("--note"));
    alert = *results.alert(alert.id);
    if (o.json)
        std::printf("%s\n", alertJson(alert).c_str());
    else
        std::printf("alert #%lld (tx %lld, run %s, %s): %s; notes: %s\n", (long long)alert.id, (long long)alert.txId,
                    terminalText(alert.runId).c_str(), alert.model.c_str(), alert.status.c_str(),
                    terminalText(alert.notes).c_str());
    return ExitOk;
}

TraceOptions traceOptions(AmlArgs &o)
{
    TraceOptions t;
    const std::string dir = o.get("--direction").value_or("both");
    if (dir != "forward" && dir != "backward" && dir != "both")
        throw BadInput("--direction must be forward, backward or both");
    t.direction = dir == "forward"    ? TraceOptions::Direction::Forward
                  : dir == "backward" ? TraceOptions::Direction::Backward
                                      : TraceOptions::Direction::Both;
    t.maxHops = int(o.integer("--hops", t.maxHops, 1));
    t.windowSeconds = o.number("--window-hours", t.windowSeconds / 3600) * 3600;
    t.tolerance = o.number("--tolerance", t.tolerance);
    t.frontierCap = int(o.integer("--cap", t.frontierCap, 1));
    return t;
}

int traceVerb(AmlArgs &o)
{
    Project project = o.project();
    Tracer tracer(project);
    const TraceOptions opts = traceOptions(o);
    TraceResult r;
    if (const auto &a = o.get("--alert")) {
        const auto alert = AmlResultStore(project).alert(o.integer("--alert", 0, 0, kMaxId));
        if (!alert)
            throw BadInput("no alert " + *a + " in the project");
        r = tracer.fromTransaction(alert->txId, opts);
    } else if (o.get("--tx")) {
        r = tracer.fromTransaction(o.integer("--tx", 0, 0, kMaxId), opts);
    } else if (const auto &name = o.get("--account")) {
        const auto acc = TransactionStore(project).accountByName(*name);
        if (!acc)
            throw BadInput("no account '" + *name + "' in the project");
        r = tracer.fromAccount(acc->id, 0, 1e18, opts);
    } else {
        throw BadInput("give --tx ID, --alert ID or --account NAME");
    }
    std::fputs((o.json ? traceJson(project, r) + "\n" : traceText(project, r)).c_str(), stdout);
    return ExitOk;
}

// A self-contained HTML case report for an alert or an account: the case (projects'
// aml_case_report.h) as a report document, written by the report machinery.
int reportVerb(AmlArgs &o)
{
    const auto &out = o.get("--out");
    if (!out)
        throw BadInput("--out FILE.html is required");
    Project project = o.project();
    AmlCaseRequest request;
    if (o.get("--alert"))
        request.alertId = o.integer("--alert", 0, 0, kMaxId);
    else if (o.get("--account"))
        request.accountName = *o.get("--account");
    else
        throw BadInput("give --alert ID or --account NAME");
    request.runId = o.get("--run").value_or("");
    if (!request.runId.empty())
        RunStore(project).run(request.runId); // an unknown run is an error, as in `aml alerts`
    AmlCase c = loadAmlCase(project, request);
    c.notes = o.get("--note").value_or(c.notes);
    report::writeReportHtml(*out, report::buildAmlCaseReport(c));
    std::fprintf(stderr, "wrote %s (%zu transactions, %zu chains)\n", out->c_str(), c.transactions.size(),
                 c.trace.chains.size());
    return ExitOk;
}

const Opt &kProject = kProjectOpt;
const Opt kRun{"--run", "ID", "the evaluated run (default: the latest)"};

std::shared_ptr<AmlArgs> addAmlVerb(CLI::App &aml, const char *name, const char *what, const char *example,
                                    std::initializer_list<Opt> options, bool json, int (*body)(AmlArgs &),
                                    int &exitCode, CLI::App **verb = nullptr)
{
    return addArgsVerb(aml, name, what, example, options, json, body, exitCode, verb);
}

} // namespace

void registerAmlVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *aml = addVerbGroup(root, "aml", "anti-money-laundering: data, training, alerts, traces, reports",
                                 "generate | import | train | alerts | alert | trace | report",
                                 "seekbench-cli aml alerts --project DIR --capacity 50 --json");
    CLI::App *generate = nullptr;
    auto generateArgs
        = addAmlVerb(*aml, "generate", "a synthetic transaction history with laundering patterns",
                     "seekbench-cli aml generate --project DIR --accounts 2000 --months 6 --seed 7",
                     {kProject,
                      {"--accounts", "N", "accounts"},
                      {"--months", "M", "months of transactions"},
                      {"--fraud-rate", "R", "share of laundering accounts"},
                      {"--seed", "S", "random seed"},
                      {"--tx-per-month", "X", "transactions per account and month"},
                      {"--difficulty", "easy|hard", "hard: camouflaged laundering, label noise, typology drift"},
                      {"--csv", "FILE", "also write the transactions as CSV"}},
                     false, generateVerb, exitCode, &generate);
    addFlag(*generate, "--ignore-memory-check", generateArgs->ignoreMemoryCheck,
            "generate even when the estimate exceeds this machine's memory (refused by default)");
    addAmlVerb(*aml, "import", "transactions from a CSV file", "seekbench-cli aml import --project DIR --csv tx.csv",
               {kProject,
                {"--csv", "FILE", "the transactions (required)"},
                {"--quarantine", "FILE", "write rejected rows here"}},
               false, importVerb, exitCode);
    CLI::App *amlTrain = nullptr;
    auto trainArgs = addAmlVerb(*aml, "train", "train the AML model as a run of the project",
                                "seekbench-cli aml train --project DIR --config aml.yaml --name graph-v1",
                                {kProject,
                                 {"--config", "aml.yaml", "the run config (or --resume)"},
                                 {"--name", "NAME", "the run's name"},
                                 {"--resume", "RUN_ID", "continue a run"}},
                                false, trainVerb, exitCode, &amlTrain);
    addFlag(*amlTrain, "--ignore-memory-check", trainArgs->ignoreMemoryCheck,
            "train even when the memory estimate for the project's data exceeds this machine's memory");
    addAmlVerb(*aml, "alerts", "alerts at an operating point chosen by capacity, costs or threshold",
               "seekbench-cli aml alerts --project DIR --capacity 50 --json",
               {kProject,
                kRun,
                {"--model", "graph|xgboost", "which model's scores"},
                {"--capacity", "N", "alerts the team can review per day"},
                {"--cost-missed", "X", "cost of a missed laundering account"},
                {"--cost-false-alert", "Y", "cost of a false alert"},
                {"--threshold", "T", "a score threshold"},
                {"--limit", "N", "at most N alerts"}},
               true, alertsVerb, exitCode);
    CLI::App *alert = addVerbGroup(*aml, "alert", "the analyst's review of one alert", "set",
                                   "seekbench-cli aml alert set --project DIR --alert 12 --status escalated");
    addAmlVerb(*alert, "set", "set an alert's status and notes (kept with its transaction across thresholds)",
               "seekbench-cli aml alert set --project DIR --alert 12 --status escalated --note 'called the bank'",
               {kProject,
                {"--alert", "ID", "the alert"},
                {"--tx", "ID", "or the alert on this transaction (in --run and --model)"},
                kRun,
                {"--model", "graph|xgboost", "the alert's model (default graph)"},
                {"--status", "new|reviewing|escalated|dismissed", "the analyst's status"},
                {"--note", "TEXT", "the notes (replaced; newlines and tabs allowed)"}},
               true, alertSetVerb, exitCode);
    addAmlVerb(*aml, "trace", "follow the money from a transaction, an alert or an account",
               "seekbench-cli aml trace --project DIR --account acc-17 --direction both --hops 3 --json",
               {kProject,
                {"--tx", "ID", "start at a transaction"},
                {"--alert", "ID", "start at an alert"},
                {"--account", "NAME", "start at an account"},
                {"--direction", "forward|backward|both", "which way to follow"},
                {"--hops", "N", "how far"},
                {"--window-hours", "H", "time window between hops"},
                {"--tolerance", "T", "amount tolerance between hops"},
                {"--cap", "N", "at most N transactions"}},
               true, traceVerb, exitCode);
    addAmlVerb(*aml, "report", "an HTML case report for an alert or an account",
               "seekbench-cli aml report --project DIR --alert 12 --out case-12.html",
               {kProject,
                {"--alert", "ID", "the alert"},
                {"--account", "NAME", "the account"},
                kRun,
                {"--note", "TEXT", "the investigator's note"},
                {"--out", "FILE.html", "the report (required)"}},
               false, reportVerb, exitCode);
}

} // namespace seekbench::cli
