// `seekbench-cli aml generate|import|train|alerts|trace|report`: the anti-money-laundering
// analyst loop without a display. The work is in core (aml: generator, features, CSV, the
// evaluation of a run's models and its alerts, XGBoost; engine: the graph model) and
// projects (transaction store, tracer, results); this file parses options, wires them and
// prints. Transactions reach core as plain columns (aml::AmlData).

#include "aml_support.h"
#include "commands.h"
#include "seekbench/projects/run_recorder.h"

#include "seekbench/aml/csv_import.h"
#include "seekbench/aml/features.h"
#include "seekbench/aml/generator.h"
#include "seekbench/aml/run_evaluation.h"
#include "seekbench/config/config_io.h"
#include "seekbench/engine/aml_scoring.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <map>

namespace seekbench::cli::aml_cli {

using namespace seekbench::projects;
using nlohmann::json;

CancelToken g_amlCancel;
extern "C" void onAmlSignal(int) { g_amlCancel.cancel(); }

int fail(const char *verb, const std::string &msg, int code)
{
    std::fprintf(stderr, "seekbench-cli aml %s: %s\n", verb, msg.c_str());
    return code;
}

double number(const Options &o, const char *key, double fallback)
{
    const auto v = o.get(key);
    if (!v)
        return fallback;
    std::size_t used = 0;
    double x = 0;
    try {
        x = std::stod(*v, &used);
    } catch (...) {
        used = 0;
    }
    if (used != v->size() || !std::isfinite(x))
        throw std::invalid_argument(std::string(key) + ": '" + *v + "' is not a number");
    return x;
}

Project openProject(const Options &o)
{
    const auto dir = o.get("--project");
    if (!dir)
        throw std::invalid_argument("--project DIR is required");
    return Project::open(*dir);
}

std::string fmt(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

// ---- generate ------------------------------------------------------------------------

int amlGenerate(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--accounts", "--months", "--fraud-rate", "--seed", "--tx-per-month", "--csv"}, {});
    if (!o.error.empty())
        return fail("generate", o.error);
    return guarded("generate", [&] {
        aml::GeneratorOptions g;
        g.accounts = int(number(o, "--accounts", g.accounts));
        g.months = int(number(o, "--months", g.months));
        g.fraud_rate = number(o, "--fraud-rate", g.fraud_rate);
        g.seed = std::uint64_t(number(o, "--seed", double(g.seed)));
        g.tx_per_account_month = number(o, "--tx-per-month", g.tx_per_account_month);
        const auto started = std::chrono::steady_clock::now();
        const aml::AmlData data = aml::generateTransactions(g);
        std::int64_t laundering = 0;
        for (auto l : data.tx.label)
            laundering += l == 1;
        std::fprintf(stderr, "generated %zu transactions (%lld laundering in %zu patterns) between %zu accounts in %.1f s\n",
                     data.tx.size(), (long long)laundering, data.patterns.size(), data.accounts.size(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (auto csv = o.get("--csv")) {
            if (!aml::writeTransactionsCsv(*csv, data))
                return fail("generate", "cannot write " + *csv, ExitRuntime);
            std::fprintf(stderr, "wrote %s\n", csv->c_str());
            if (!o.get("--project"))
                return int(ExitOk);
        }
        Project project = openProject(o);
        TransactionStore store(project);
        const auto added = store.append(data);
        std::printf("%s\n", json{{"transactions", added.transactions}, {"new_accounts", added.newAccounts},
                                 {"first_id", added.firstId}, {"laundering", laundering},
                                 {"patterns", data.patterns.size()}, {"seed", g.seed}}.dump().c_str());
        return int(ExitOk);
    });
}

// ---- import --------------------------------------------------------------------------

int amlImport(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--csv", "--quarantine"}, {});
    if (!o.error.empty())
        return fail("import", o.error);
    const auto csv = o.get("--csv");
    if (!csv)
        return fail("import", "--csv FILE is required");
    return guarded("import", [&] {
        Project project = openProject(o);
        TransactionStore store(project);
        aml::CsvImport r = aml::readTransactionsCsv(*csv, store.accounts());
        if (!r.headerError.empty())
            return fail("import", r.headerError);
        std::string quarantine;
        if (!r.bad.empty()) {
            std::filesystem::path q;
            if (auto given = o.get("--quarantine"))
                q = *given;
            else {
                std::filesystem::create_directories(project.dir() / "datasets");
                const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch()).count();
                q = project.dir() / "datasets" / ("quarantine-" + std::filesystem::path(*csv).stem().string() + "-"
                                                  + std::to_string(stamp) + ".csv");
            }
            if (!aml::writeQuarantine(q, r.bad))
                return fail("import", "cannot write the quarantine file " + q.string() + "; nothing was imported", ExitRuntime);
            quarantine = q.string();
            for (const auto &b : r.bad)
                std::fprintf(stderr, "%s:%lld: %s\n", csv->c_str(), (long long)b.line, b.reason.c_str());
        }
        // Sort the good rows by time before they get ids.
        r.data.sortByTime();
        const std::int64_t importId = store.recordImport(*csv, std::int64_t(r.data.tx.size()), std::int64_t(r.bad.size()),
                                                         quarantine, json{{"lines", r.lines}}.dump());
        const auto added = store.append(r.data, importId);
        std::printf("%s\n", json{{"import_id", importId}, {"lines", r.lines}, {"imported", added.transactions},
                                 {"new_accounts", added.newAccounts}, {"quarantined", r.bad.size()},
                                 {"quarantine", quarantine}}.dump().c_str());
        std::fprintf(stderr, "imported %lld of %lld rows; %zu bad rows%s%s\n", (long long)added.transactions,
                     (long long)r.lines, r.bad.size(), quarantine.empty() ? "" : " kept in ", quarantine.c_str());
        return int(ExitOk);
    }, ExitRuntime);
}

std::shared_ptr<aml::AmlDataset> loadDataset(const Project &project)
{
    auto ds = std::make_shared<aml::AmlDataset>();
    ds->data = TransactionStore(project).load();
    ds->origin = "project " + project.dir().string() + ", " + std::to_string(ds->data.tx.size()) + " transactions";
    if (ds->data.tx.size() == 0)
        throw std::invalid_argument("the project " + project.dir().string()
                                    + " has no transactions: run seekbench-cli aml generate or aml import first");
    return ds;
}

// ---- train ---------------------------------------------------------------------------

// "2.1" for an FPR target of 0.021.
std::string percent(double fpr)
{
    return fmt("%g", fpr * 100);
}

// Both models side by side on the held-out months, overall and per typology.
void printModelComparison(const aml::RunEvaluation &run, const RunConfig &config)
{
    std::map<std::string, std::map<std::string, aml::ScoreEvaluation>> table;
    for (const auto &m : run.models)
        for (const auto &slice : m.evaluation.slices)
            table[slice.typology][m.evaluation.model] = slice.figures;
    const std::string recallHeader = "recall@" + percent(config.aml.fpr_target) + "% g/x";
    std::fprintf(stderr, "\n%-16s %9s %9s %8s %8s %8s\n", "held-out PR-AUC", "graph", "xgboost", "rows", "positive",
                 recallHeader.c_str());
    for (const auto &[typology, byModel] : table) {
        const auto g = byModel.count("graph") ? byModel.at("graph") : aml::ScoreEvaluation{};
        const auto x = byModel.count("xgboost") ? byModel.at("xgboost") : aml::ScoreEvaluation{};
        std::fprintf(stderr, "%-16s %9.4f %9.4f %8lld %8lld %6.3f/%.3f\n", typology.c_str(), g.prAuc, x.prAuc,
                     (long long)g.rows, (long long)g.positives, g.atFpr.recall, x.atFpr.recall);
    }
    std::fprintf(stderr, "(training seed %llu)\n\n", (unsigned long long)config.training.seed);
}

int amlTrain(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--config", "--name", "--resume"}, {});
    if (!o.error.empty())
        return fail("train", o.error);
    const auto projectDir = o.get("--project");
    if (!projectDir)
        return fail("train", "--project DIR is required");
    if (!o.get("--config") && !o.get("--resume"))
        return fail("train", "--config FILE (a new run) or --resume RUN_ID is required");
    RunConfig config;
    if (auto path = o.get("--config")) {
        if (!loadValidConfig(*path, o.get("--name"), config))
            return ExitBadInput;
    }
    std::unique_ptr<RunRecorder> session;
    TrainRequest request;
    std::shared_ptr<aml::AmlDataset> dataset;
    try {
        if (config.data.kind != "aml_transactions" && o.get("--config"))
            throw std::invalid_argument("the config's data.kind is '" + config.data.kind + "'; aml train needs aml_transactions");
        // The dataset is rebuilt from the store for a new run and for a resume alike.
        dataset = loadDataset(Project::open(*projectDir));
        session = o.get("--resume") ? RunRecorder::beginResume(*projectDir, *o.get("--resume"))
                                    : RunRecorder::beginNew(*projectDir, config, config.name);
        config = session->config();
        if (config.data.kind != "aml_transactions")
            throw std::invalid_argument("run '" + session->runId() + "' is not an AML run (data.kind " + config.data.kind + ")");
        request.outDir = session->outDir();
        request.resumeFrom = session->resumeCheckpoint();
        request.sink = session->sink();
    } catch (const ProjectError &e) {
        return fail("train", e.what(), e.exitCode());
    } catch (const std::exception &e) {
        return fail("train", e.what());
    }
    request.config = config;
    request.dataset = dataset;
    request.cancel = &g_amlCancel;
    struct sigaction sa {};
    sa.sa_handler = onAmlSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    request.onEvent = [](const RunEvent &ev) {
        std::fwrite(ev.json.data(), 1, ev.json.size(), stdout);
        std::fputc('\n', stdout);
        if (ev.kind != "step" && ev.kind != "system")
            std::fflush(stdout);
    };
    std::fprintf(stderr, "run %s: training the graph model on %s\n", session->runId().c_str(), dataset->origin.c_str());
    const auto started = std::chrono::steady_clock::now();
    TrainResult result = train(request);
    const double trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fflush(stdout);

    // Score with the graph model; train the XGBoost baseline, evaluate both on the held-out
    // months and raise the graph model's alerts (core); store it all (projects). The
    // headline figures go into the run's final metrics.
    int code = ExitOk;
    if ((result.status == TrainStatus::Finished || result.status == TrainStatus::EarlyStopped) && !result.lastCheckpoint.empty()) {
        try {
            Project project = Project::open(*projectDir);
            AmlResultStore results(project);
            const auto &data = dataset->data;
            const std::string runId = session->runId();
            const auto t0 = std::chrono::steady_clock::now();
            const aml::RunEvaluation run = aml::evaluateRun(config, data, scoreAmlTransactions(config, result.lastCheckpoint, data),
                                                            session->outDir() / "xgboost.json");
            results.saveRun(runId, data, run);
            for (const auto &[k, v] : run.metrics)
                result.finalMetrics[k] = v;
            result.finalMetrics["aml/graph_train_seconds"] = trainSeconds;
            std::fprintf(stderr, "evaluated on the held-out months in %.1f s; %zu alerts\n",
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), run.alerts.size());
            printModelComparison(run, config);
        } catch (const std::exception &e) {
            std::fprintf(stderr, "seekbench-cli aml train: evaluating the run failed: %s\n", e.what());
            code = ExitRuntime;
        }
    }
    try {
        session->end(result);
    } catch (const std::exception &e) {
        return fail("train", std::string("recording the end of the run failed: ") + e.what(), ExitRuntime);
    }
    std::fprintf(stderr, "%s after %lld steps in %.1f s\n", toString(result.status), (long long)result.step, trainSeconds);
    if (!result.message.empty())
        std::fprintf(stderr, "  %s\n", result.message.c_str());
    for (const auto &[k, v] : result.finalMetrics)
        if (k.rfind("aml/", 0) == 0 || k.rfind("eval/", 0) == 0)
            std::fprintf(stderr, "  %s %.4f\n", k.c_str(), v);
    if (code != ExitOk)
        return code;
    switch (result.status) {
    case TrainStatus::Finished:
    case TrainStatus::EarlyStopped: return ExitOk;
    case TrainStatus::Cancelled: return ExitCancelled;
    default: return result.inputError ? ExitBadInput : ExitRuntime;
    }
}

// ---- alerts --------------------------------------------------------------------------

std::string resolveRun(AmlResultStore &results, const Options &o)
{
    if (auto r = o.get("--run"))
        return *r;
    if (auto r = results.latestScoredRun())
        return *r;
    throw std::invalid_argument("the project has no evaluated AML run: run seekbench-cli aml train first");
}

int amlAlerts(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--run", "--model", "--capacity", "--cost-missed", "--cost-false-alert",
                                          "--threshold", "--limit"},
                                   {"--json"});
    if (!o.error.empty())
        return fail("alerts", o.error);
    return guarded("alerts", [&] {
        Project project = openProject(o);
        AmlResultStore results(project);
        const std::string runId = resolveRun(results, o);
        const std::string model = o.get("--model").value_or("graph");
        if (model != "graph" && model != "xgboost")
            throw std::invalid_argument("--model must be graph or xgboost");
        const RunRecord record = RunStore(project).run(runId);
        const ConfigLoad load = parseRunConfig(record.configYaml);
        if (!load.ok())
            throw std::invalid_argument("the config snapshot of run '" + runId + "' does not parse");
        const RunConfig &cfg = load.config;
        const aml::AmlData data = TransactionStore(project).load();
        const std::vector<float> scores = results.scoresOf(runId, model, data);
        aml::AlertOptions options = aml::alertOptions(cfg, data);
        options.policy.capacity_per_day = number(o, "--capacity", options.policy.capacity_per_day);
        options.policy.cost_missed = number(o, "--cost-missed", options.policy.cost_missed);
        options.policy.cost_false_alert = number(o, "--cost-false-alert", options.policy.cost_false_alert);
        if (options.policy.capacity_per_day <= 0 || options.policy.cost_missed < 0 || options.policy.cost_false_alert < 0)
            throw std::invalid_argument("--capacity must be positive and the costs not negative");
        if (o.get("--threshold"))
            options.threshold = number(o, "--threshold", 0.5);
        const aml::AlertReview review = aml::reviewAlerts(data, aml::computeFeatures(data), scores, options);
        const aml::ThresholdChoice &choice = review.choice;
        const aml::ThresholdPolicy &policy = review.policy;
        results.saveThreshold(thresholdRow(runId, model, choice, policy));
        results.replaceAlerts(runId, model, alertRows(review.alerts));
        const int limit = int(number(o, "--limit", 20));
        const auto listed = results.alerts(runId, model, limit);
        const auto thin = aml::thinCurve(review.curve, 200);
        const auto &atFpr = review.atFpr;
        if (o.has("--json")) {
            json alertsJson = json::array();
            for (const auto &a : listed)
                alertsJson.push_back({{"id", a.id}, {"tx_id", a.txId}, {"account_id", a.accountId}, {"score", a.score},
                                      {"severity", a.severity}, {"reasons", json::parse(a.reasonsJson)}});
            json out{{"run", runId},
                     {"model", model},
                     {"days", policy.days},
                     {"positives", review.positives},
                     {"operating_point", {{"threshold", choice.point.threshold}, {"precision", choice.point.precision},
                                          {"recall", choice.point.recall}, {"fpr", choice.point.fpr},
                                          {"alerts_per_day", choice.alertsPerDay}, {"expected_cost", choice.expectedCost},
                                          {"capacity_bound", choice.capacityBound},
                                          {"precision_at_capacity", choice.precisionAtCapacity}}},
                     {aml::recallAtFprName(options.fprTarget), {{"recall", atFpr.recall}, {"threshold", atFpr.threshold}, {"fpr", atFpr.fpr}}},
                     {"curve", json::parse(curveJson(thin))},
                     {"alerts_total", review.alerts.size()},
                     {"alerts", alertsJson}};
            std::printf("%s\n", out.dump(1).c_str());
            return int(ExitOk);
        }
        std::printf("run %s, model %s, held-out %.0f days, %lld laundering transactions\n", runId.c_str(), model.c_str(),
                    policy.days, (long long)review.positives);
        std::printf("operating point: threshold %.4f  precision %.3f  recall %.3f  FPR %.4f  %.1f alerts/day (capacity %.0f%s)\n",
                    choice.point.threshold, choice.point.precision, choice.point.recall, choice.point.fpr, choice.alertsPerDay,
                    policy.capacity_per_day, choice.capacityBound ? ", capacity-bound" : "");
        std::printf("recall at FPR %s%%: %.3f (threshold %.4f)\n", percent(options.fprTarget).c_str(), atFpr.recall, atFpr.threshold);
        std::printf("\n%10s %9s %7s %7s %10s\n", "threshold", "precision", "recall", "FPR", "alerts/day");
        const std::size_t step = std::max<std::size_t>(1, thin.size() / 15);
        bool shown = false;
        auto row = [&](const aml::CurvePoint &p, const char *mark) {
            std::printf("%10.4f %9.3f %7.3f %7.4f %10.1f%s\n", p.threshold, p.precision, p.recall, p.fpr,
                        double(p.alerts) / policy.days, mark);
        };
        for (std::size_t i = 0; i < thin.size(); i += step) {
            if (!shown && thin[i].threshold <= choice.point.threshold) {
                row(choice.point, "  <- operating point");
                shown = true;
                if (thin[i].threshold == choice.point.threshold)
                    continue;
            }
            row(thin[i], "");
        }
        if (!shown)
            row(choice.point, "  <- operating point");
        std::printf("\n%zu alerts; the top %zu:\n", review.alerts.size(), listed.size());
        for (const auto &a : listed) {
            const auto reasons = json::parse(a.reasonsJson);
            std::printf("  #%lld tx %lld account %lld score %.3f %s: %s\n", (long long)a.id, (long long)a.txId,
                        (long long)a.accountId, a.score, a.severity.c_str(),
                        reasons.empty() ? "" : reasons[0].get<std::string>().c_str());
        }
        return int(ExitOk);
    });
}

// ---- trace ---------------------------------------------------------------------------

TraceOptions traceOptions(const Options &o)
{
    TraceOptions t;
    const std::string dir = o.get("--direction").value_or("both");
    if (dir == "forward")
        t.direction = TraceOptions::Direction::Forward;
    else if (dir == "backward")
        t.direction = TraceOptions::Direction::Backward;
    else if (dir != "both")
        throw std::invalid_argument("--direction must be forward, backward or both");
    t.maxHops = int(number(o, "--hops", t.maxHops));
    t.windowSeconds = number(o, "--window-hours", t.windowSeconds / 3600) * 3600;
    t.tolerance = number(o, "--tolerance", t.tolerance);
    t.frontierCap = int(number(o, "--cap", t.frontierCap));
    return t;
}

json traceJson(TransactionStore &store, const TraceResult &r)
{
    std::map<std::int64_t, std::string> names;
    auto name = [&](std::int64_t id) {
        auto it = names.find(id);
        if (it == names.end())
            it = names.emplace(id, store.account(id).value_or(AccountRow{}).name).first;
        return it->second;
    };
    json chains = json::array();
    for (const auto &c : r.chains) {
        json hops = json::array();
        for (const auto &h : c.hops)
            hops.push_back({{"tx_id", h.txId}, {"from", name(h.from)}, {"to", name(h.to)}, {"time", aml::formatTimestamp(h.ts)},
                            {"amount", h.amount}, {"delay_hours", h.delaySeconds / 3600}, {"share", h.share}});
        chains.push_back({{"direction", c.forward ? "forward" : "backward"}, {"cycle", c.cycle}, {"hops", hops}});
    }
    return {{"chains", chains}, {"truncated", r.truncated}, {"queries", r.queries}, {"deepest", r.deepest},
            {"elapsed_ms", r.elapsedMs}};
}

int amlTrace(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--tx", "--alert", "--account", "--direction", "--hops", "--window-hours",
                                          "--tolerance", "--cap"},
                                   {"--json"});
    if (!o.error.empty())
        return fail("trace", o.error);
    return guarded("trace", [&] {
        Project project = openProject(o);
        TransactionStore store(project);
        Tracer tracer(project);
        const TraceOptions opts = traceOptions(o);
        TraceResult r;
        if (auto a = o.get("--alert")) {
            const auto alert = AmlResultStore(project).alert(std::int64_t(number(o, "--alert", 0)));
            if (!alert)
                throw std::invalid_argument("no alert " + *a + " in the project");
            r = tracer.fromTransaction(alert->txId, opts);
        } else if (o.get("--tx")) {
            r = tracer.fromTransaction(std::int64_t(number(o, "--tx", 0)), opts);
        } else if (auto name = o.get("--account")) {
            const auto acc = store.accountByName(*name);
            if (!acc)
                throw std::invalid_argument("no account '" + *name + "' in the project");
            r = tracer.fromAccount(acc->id, 0, 1e18, opts);
        } else {
            throw std::invalid_argument("give --tx ID, --alert ID or --account NAME");
        }
        const json j = traceJson(store, r);
        if (o.has("--json")) {
            std::printf("%s\n", j.dump(1).c_str());
            return int(ExitOk);
        }
        std::printf("%zu chains, deepest %d hops, %lld indexed queries, %.1f ms%s\n", r.chains.size(), r.deepest,
                    (long long)r.queries, r.elapsedMs, r.truncated ? " (TRUNCATED: the frontier cap was hit)" : "");
        for (const auto &c : j["chains"]) {
            std::printf("%s%s:", c["direction"].get<std::string>().c_str(), c["cycle"].get<bool>() ? " CYCLE" : "");
            bool first = true;
            for (const auto &h : c["hops"]) {
                if (first)
                    std::printf(" %s", h["from"].get<std::string>().c_str());
                first = false;
                std::printf(" -[%.2f, +%.1fh, %.0f%%]-> %s", h["amount"].get<double>(), h["delay_hours"].get<double>(),
                            100 * h["share"].get<double>(), h["to"].get<std::string>().c_str());
            }
            std::printf("\n");
        }
        return int(ExitOk);
    });
}

} // namespace seekbench::cli::aml_cli

namespace seekbench::cli {

int runAmlCommand(const std::vector<std::string> &args)
{
    using namespace aml_cli;
    const std::string verb = args.empty() ? "" : args[0];
    const std::vector<std::string> rest(args.empty() ? args.end() : args.begin() + 1, args.end());
    if (verb == "generate")
        return amlGenerate(rest);
    if (verb == "import")
        return amlImport(rest);
    if (verb == "train")
        return amlTrain(rest);
    if (verb == "alerts")
        return amlAlerts(rest);
    if (verb == "trace")
        return amlTrace(rest);
    if (verb == "report")
        return amlReport(rest);
    std::fputs("usage: seekbench-cli aml <verb> --project DIR ...\n"
               "  generate [--accounts N] [--months M] [--fraud-rate R] [--seed S] [--tx-per-month X] [--csv FILE]\n"
               "  import   --csv FILE [--quarantine FILE]\n"
               "  train    --config aml.yaml [--name NAME] | --resume RUN_ID\n"
               "  alerts   [--run ID] [--model graph|xgboost] [--capacity N] [--cost-missed X] [--cost-false-alert Y]\n"
               "           [--threshold T] [--limit N] [--json]\n"
               "  trace    --tx ID | --alert ID | --account NAME [--direction forward|backward|both] [--hops N]\n"
               "           [--window-hours H] [--tolerance T] [--cap N] [--json]\n"
               "  report   --alert ID | --account NAME [--run ID] [--note TEXT] --out FILE.html\n",
               verb.empty() || verb == "help" || verb == "--help" ? stdout : stderr);
    return verb == "help" || verb == "--help" ? ExitOk : ExitBadInput;
}

} // namespace seekbench::cli
