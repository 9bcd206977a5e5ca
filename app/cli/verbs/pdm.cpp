// `seekbench-cli pdm generate|import|fleets|windows|train|evaluate`: the predictive maintenance
// scenario's data without a display (issue 26). The work is in core (pdm: the fleet
// simulator, the importers, the fleet file, point-in-time windows) and projects (the
// fleets' records); this file parses options, wires them and prints.

#include "support/options.h"
#include "support/signals.h"
#include "support/verb_args.h"
#include "verbs/pdm_verbs.h"
#include "verbs/verbs.h"

#include "seekbench/config/machine_memory.h"
#include "seekbench/pdm/cmapss.h"
#include "seekbench/pdm/fleet_file.h"
#include "seekbench/pdm/import.h"
#include "seekbench/pdm/simulator.h"
#include "seekbench/pdm/windows.h"
#include "seekbench/projects/pdm_fleets.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_layout.h"
#include "seekbench/run/cancel_token.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <system_error>

namespace seekbench::cli {
namespace {

using namespace seekbench::projects;
using nlohmann::json;
namespace fs = std::filesystem;

json recordJson(const FleetRecord &r)
{
    return {{"fleet", r.name},
            {"path", r.path},
            {"source", r.source},
            {"time_unit", r.time_unit},
            {"machines", r.machines},
            {"rows", r.rows},
            {"sensors", r.sensors},
            {"failures", r.failures},
            {"maintenance", r.maintenance},
            {"bad_lines", r.bad_lines},
            {"quarantine", r.quarantine},
            {"bytes", r.bytes},
            {"sha256", r.sha256}};
}

// The fleet file of --name in the project, its folder made; a bad name is bad input.
fs::path fleetFileFor(const Project &project, const std::string &name)
{
    const fs::path file = fleetFilePath(project, name);
    fs::create_directories(file.parent_path());
    return file;
}

// Writes `fleet` as the fleet file of `r.name` and records it.
FleetRecord writeAndRecord(const Project &project, const pdm::Fleet &fleet, FleetRecord r)
{
    const fs::path file = fleetFileFor(project, r.name);
    pdm::FleetFileWriter writer;
    std::string error;
    bool ok = writer.open(file.string(), fleet.time_unit, fleet.sensors, fleet.failure_modes, error);
    for (std::size_t i = 0; ok && i < fleet.machines.size(); ++i) {
        ok = writer.append(fleet.machines[i], error);
        r.rows += std::int64_t(fleet.machines[i].rows());
    }
    if (!ok || !writer.finish(fleet.maintenance, fleet.failures, error))
        throw CliFailure(ExitRuntime, error);
    r.time_unit = pdm::timeUnitName(fleet.time_unit);
    r.machines = std::int64_t(fleet.machines.size());
    r.sensors = std::int64_t(fleet.sensors.size());
    r.failures = std::int64_t(fleet.failures.size());
    r.maintenance = std::int64_t(fleet.maintenance.size());
    return FleetStore(project).add(r);
}

int generateVerb(VerbArgs &o)
{
    pdm::SimulatorOptions s;
    s.machines = int(o.integer("--machines", s.machines, 1, 100000));
    s.days = int(o.integer("--days", s.days, 1, 3650));
    s.resolution_s = int(o.integer("--resolution-s", s.resolution_s, 1, 86400));
    s.seed = std::uint64_t(o.integer("--seed", std::int64_t(s.seed), 0, std::numeric_limits<std::int64_t>::max()));
    s.regimes = int(o.integer("--regimes", s.regimes, 1, 8));
    s.noise = o.number("--noise", s.noise);
    s.dropout_rate = o.number("--dropout-rate", s.dropout_rate);
    s.scheduled_interval_days = o.number("--scheduled-days", s.scheduled_interval_days);
    pdm::validateSimulatorOptions(s);
    Project project = o.project();
    const std::string name = o.required("--name", "NAME");
    const fs::path file = fleetFileFor(project, name);
    const double bytes = pdm::estimateFleetFileBytes(s);
    std::error_code ec;
    const auto space = fs::space(file.parent_path(), ec);
    if (!ec && !o.ignoreMemoryCheck && bytes > double(space.available))
        throw BadInput("the fleet file would take about " + std::to_string(std::llround(bytes / 1048576)) + " MiB and "
                       + file.parent_path().string() + " has " + std::to_string(space.available / 1048576)
                       + " MiB free (--ignore-disk-check to try anyway)");

    pdm::FleetFileWriter writer;
    std::string error;
    if (!writer.open(file.string(), pdm::TimeUnit::Seconds, pdm::simulatedSensorNames(),
                     pdm::simulatedFailureModeNames(), error))
        throw CliFailure(ExitRuntime, error);
    CancelToken &cancel = installCancelSignals();
    std::vector<pdm::MaintenanceEvent> maintenance;
    std::vector<pdm::FailureEvent> failures;
    FleetRecord r;
    const auto started = std::chrono::steady_clock::now();
    pdm::simulateFleet(s, [&](pdm::MachineSeries &&m, std::vector<pdm::MaintenanceEvent> &&me,
                              std::vector<pdm::FailureEvent> &&fe) {
        if (cancel.isCancelled())
            throw CliFailure(ExitCancelled, "cancelled; no fleet was written");
        if (!writer.append(m, error))
            throw CliFailure(ExitRuntime, error);
        r.rows += std::int64_t(m.rows());
        maintenance.insert(maintenance.end(), me.begin(), me.end());
        failures.insert(failures.end(), fe.begin(), fe.end());
        const std::size_t done = writer.machineCount();
        if (s.machines >= 20 && done % std::size_t(s.machines / 10) == 0)
            std::fprintf(stderr, "%zu of %d machines\n", done, s.machines);
    });
    if (!writer.finish(maintenance, failures, error))
        throw CliFailure(ExitRuntime, error);
    r.name = name;
    r.source = "generated";
    r.origin = json{{"machines", s.machines},         {"days", s.days},
                    {"resolution_s", s.resolution_s}, {"seed", s.seed},
                    {"regimes", s.regimes},           {"noise", s.noise},
                    {"dropout_rate", s.dropout_rate}, {"scheduled_interval_days", s.scheduled_interval_days}}
                   .dump();
    r.time_unit = "seconds";
    r.machines = s.machines;
    r.sensors = pdm::kSimulatedSensorCount;
    r.failures = std::int64_t(failures.size());
    r.maintenance = std::int64_t(maintenance.size());
    r.command = o.commandLine("pdm generate");
    r = FleetStore(project).add(r);
    std::fprintf(stderr, "generated %s: %lld machines, %lld rows, %lld failures, %lld maintenance actions in %.1f s\n",
                 r.path.c_str(), (long long)r.machines, (long long)r.rows, (long long)r.failures,
                 (long long)r.maintenance,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    std::printf("%s\n", recordJson(r).dump().c_str());
    return ExitOk;
}

// Reports the refused lines on stderr and keeps them in the quarantine file.
std::string quarantine(VerbArgs &o, const Project &project, const std::string &name,
                       const std::vector<pdm::BadLine> &bad)
{
    if (bad.empty())
        return {};
    for (const pdm::BadLine &b : bad)
        std::fprintf(stderr, "%s:%lld: %s\n", b.file.c_str(), (long long)b.line, b.reason.c_str());
    fs::path q = o.get("--quarantine")
                     ? fs::path(*o.get("--quarantine"))
                     : project.layout().datasetsDir()
                           / ("quarantine-fleet-" + name + "-" + std::to_string(std::time(nullptr)) + ".csv");
    fs::create_directories(fs::absolute(q).parent_path());
    if (!pdm::writeBadLines(q, bad))
        throw CliFailure(ExitRuntime, "cannot write the quarantine file " + q.string() + "; nothing was imported");
    return q.string();
}

int importVerb(VerbArgs &o)
{
    Project project = o.project();
    const std::string name = o.required("--name", "NAME");
    fleetFileFor(project, name); // the name is checked before any file is read
    pdm::FleetImport in;
    FleetRecord r;
    r.name = name;
    std::vector<pdm::BadLine> bad;
    const auto csv = o.get("--csv"), train = o.get("--cmapss-train"), test = o.get("--cmapss-test");
    if (int(bool(csv)) + int(bool(train)) + int(bool(test)) != 1)
        throw BadInput("give one of --csv FILE, --cmapss-train FILE or --cmapss-test FILE --rul FILE");
    if (csv) {
        const auto layout = o.get("--layout");
        if (layout && *layout != "long" && *layout != "wide")
            throw BadInput("--layout must be long or wide (got '" + *layout + "')");
        in = layout ? pdm::readFleetCsv(*csv, *layout == "long" ? pdm::FleetCsvLayout::Long : pdm::FleetCsvLayout::Wide)
                    : pdm::readFleetCsv(*csv);
        r.source = "csv";
        r.origin = *csv;
    } else if (train) {
        in = pdm::readCmapssTrain(*train);
        r.source = "cmapss_train";
        r.origin = *train;
    } else {
        pdm::CmapssTestImport t = pdm::readCmapssTest(*test, o.required("--rul", "FILE"));
        // The true RUL after each unit's last cycle is the failure the test windows are scored on.
        for (std::size_t i = 0; t.error.empty() && i < t.fleet.machines.size(); ++i)
            if (!t.fleet.machines[i].time.empty())
                t.fleet.failures.push_back({std::int32_t(i), t.fleet.machines[i].time.back() + t.rul[i], 0});
        in = std::move(t);
        r.source = "cmapss_test";
        r.origin = *test + " " + *o.get("--rul");
    }
    if (!in.error.empty())
        throw BadInput(in.error);
    bad = in.bad;
    for (const char *key : {"--maintenance", "--failures"})
        if (const auto log = o.get(key)) {
            const pdm::LogImport l = std::string(key) == "--maintenance" ? pdm::readMaintenanceCsv(*log, in.fleet)
                                                                         : pdm::readFailureCsv(*log, in.fleet);
            if (!l.error.empty())
                throw BadInput(l.error);
            bad.insert(bad.end(), l.bad.begin(), l.bad.end());
            r.origin += " " + *log;
        }
    r.quarantine = quarantine(o, project, name, bad);
    r.bad_lines = std::int64_t(bad.size());
    r.command = o.commandLine("pdm import");
    r = writeAndRecord(project, in.fleet, r);
    std::fprintf(stderr, "imported %s: %lld machines, %lld rows, %lld failures; %zu bad lines%s%s\n", r.path.c_str(),
                 (long long)r.machines, (long long)r.rows, (long long)r.failures, bad.size(),
                 r.quarantine.empty() ? "" : " kept in ", r.quarantine.c_str());
    std::printf("%s\n", recordJson(r).dump().c_str());
    return ExitOk;
}

int fleetsVerb(VerbArgs &o)
{
    Project project = o.project();
    json all = json::array();
    for (const FleetRecord &r : FleetStore(project, true).fleets()) {
        json j = recordJson(r);
        const FleetFileState state = fleetFileState(project, r);
        j["state"] = state == FleetFileState::Present   ? "present"
                     : state == FleetFileState::Changed ? "changed since written"
                                                        : "file missing";
        j["command"] = r.command;
        all.push_back(j);
    }
    std::printf("%s\n", all.dump().c_str());
    return ExitOk;
}

int windowsVerb(VerbArgs &o)
{
    Project project = o.project();
    const std::string name = o.required("--fleet", "NAME");
    const auto record = FleetStore(project, true).find(name);
    if (!record)
        throw BadInput("no fleet '" + name + "' in " + project.dir().string()
                       + " (seekbench-cli pdm fleets lists them)");
    std::string error;
    const auto reader = pdm::FleetFileReader::open((project.dir() / record->path).string(), error);
    if (!reader)
        throw CliFailure(ExitRuntime, error);
    pdm::WindowOptions w = pdm::defaultWindowOptions(reader->timeUnit());
    w.step = o.number("--step", w.step);
    w.history = int(o.integer("--history", w.history, 1, 4096));
    w.stride = int(o.integer("--stride", w.stride, 1));
    w.horizon = o.number("--horizon", w.horizon);
    w.baseline = o.number("--baseline", w.baseline);
    w.rul_cap = o.number("--rul-cap", w.rul_cap);
    w.seed = std::uint64_t(o.integer("--seed", std::int64_t(w.seed), 0, std::numeric_limits<std::int64_t>::max()));
    pdm::validateWindowOptions(w);
    const pdm::Windows windows = pdm::makeWindows(reader->readAll(), w);
    std::printf("%s\n", pdm::windowSummaryJson(windows).c_str());
    return ExitOk;
}

} // namespace

void registerPdmVerbs(CLI::App &root, int &exitCode)
{
    CLI::App *pdm = addVerbGroup(root, "pdm", "predictive maintenance: fleets of sensor data and their windows",
                                 "generate | import | fleets | windows | train | evaluate | alerts | explain | "
                                 "simulate | report",
                                 "seekbench-cli pdm generate --project DIR --name plant --machines 50 --days 180");
    CLI::App *generate = nullptr;
    auto generateArgs
        = addArgsVerb(*pdm, "generate", "a simulated fleet: sensors, operating regimes, failures and maintenance",
                      "seekbench-cli pdm generate --project DIR --name plant --machines 50 --days 180 --seed 7",
                      {kProjectOpt,
                       {"--name", "NAME", "the fleet's name in the project (required)"},
                       {"--machines", "N", "machines (default 20)"},
                       {"--days", "D", "days of readings (default 90)"},
                       {"--resolution-s", "S", "seconds between readings (default 60)"},
                       {"--seed", "S", "random seed (default 1)"},
                       {"--regimes", "R", "operating regimes (default 3)"},
                       {"--noise", "X", "sensor noise, relative (default 1)"},
                       {"--dropout-rate", "R", "share of readings missing (default 0.01)"},
                       {"--scheduled-days", "D", "days between scheduled services; 0 for none (default 30)"}},
                      false, generateVerb, exitCode, &generate);
    addFlag(*generate, "--ignore-disk-check", generateArgs->ignoreMemoryCheck,
            "generate even when the fleet file's estimate exceeds the free disk space");
    addArgsVerb(*pdm, "import", "a fleet from CSV or NASA C-MAPSS files, with maintenance and failure logs",
                "seekbench-cli pdm import --project DIR --name fd001 --cmapss-train train_FD001.txt",
                {kProjectOpt,
                 {"--name", "NAME", "the fleet's name in the project (required)"},
                 {"--csv", "FILE", "sensor readings, long (machine,time,sensor,value) or wide"},
                 {"--layout", "long|wide", "the CSV's layout (default: from its header)"},
                 {"--maintenance", "FILE", "maintenance log CSV: machine,time,kind[,mode][,downtime_hours]"},
                 {"--failures", "FILE", "failure log CSV: machine,time,mode"},
                 {"--cmapss-train", "FILE", "a C-MAPSS training file (units run to failure)"},
                 {"--cmapss-test", "FILE", "a C-MAPSS test file (with --rul)"},
                 {"--rul", "FILE", "the C-MAPSS RUL file of --cmapss-test"},
                 {"--quarantine", "FILE", "write refused lines here"}},
                false, importVerb, exitCode);
    addArgsVerb(*pdm, "fleets", "the project's fleets, with the state of their files",
                "seekbench-cli pdm fleets --project DIR", {kProjectOpt}, false, fleetsVerb, exitCode);
    addArgsVerb(*pdm, "windows", "what point-in-time windows over a fleet give, per split",
                "seekbench-cli pdm windows --project DIR --fleet plant --history 24 --horizon 259200",
                {kProjectOpt,
                 {"--fleet", "NAME", "the fleet (required)"},
                 {"--step", "T", "time units a step (seconds: 3600; cycles: 1)"},
                 {"--history", "N", "steps a window"},
                 {"--stride", "N", "a window every N steps"},
                 {"--horizon", "T", "failure within this time of the prediction"},
                 {"--baseline", "T", "per-machine baseline period; 0 for none"},
                 {"--rul-cap", "T", "RUL above this is reported as this"},
                 {"--seed", "S", "seed of the machines' split"}},
                false, windowsVerb, exitCode);
    addArgsVerb(*pdm, "train",
                "train the sensor model on a fleet's windows, then evaluate it beside the baselines and policies",
                "seekbench-cli pdm train --project DIR --config pdm.yaml --fleet plant",
                {kProjectOpt,
                 {"--config", "pdm.yaml", "the run config (data.kind pdm_fleet), or --resume"},
                 {"--fleet", "NAME", "the fleet (default: the config's pdm.fleet)"},
                 {"--name", "NAME", "the run's name"},
                 {"--resume", "RUN_ID", "continue a run"}},
                false, pdmTrainVerb, exitCode);
    addArgsVerb(*pdm, "evaluate", "evaluate a trained run again: thresholds, alerts, baselines and policies (JSON)",
                "seekbench-cli pdm evaluate --project DIR --run RUN_ID",
                {kProjectOpt, {"--run", "RUN_ID", "the run (required)"}}, false, pdmEvaluateVerb, exitCode);
    addArgsVerb(*pdm, "alerts", "a run's failure alerts: machine, mode, time, score, lead time, outcome",
                "seekbench-cli pdm alerts --project DIR --run RUN_ID --split test",
                {kProjectOpt,
                 {"--run", "RUN_ID", "the run (default: the latest with results)"},
                 {"--machine", "NAME", "one machine's alerts"},
                 {"--mode", "NAME", "one failure mode's alerts"},
                 {"--split", "train|validation|test", "one split's machines (default: all)"},
                 {"--limit", "N", "at most N alerts (default: all)"}},
                true, pdmAlertsVerb, exitCode);
    addArgsVerb(*pdm, "explain", "why an alert was raised: the attention over time and sensors, XGBoost contributions",
                "seekbench-cli pdm explain --project DIR --alert 12",
                {kProjectOpt, {"--alert", "ID", "the alert (pdm alerts lists them; required)"}}, true, pdmExplainVerb,
                exitCode);
    addArgsVerb(*pdm, "simulate", "replay the maintenance policies on a run's test period with other costs or crews",
                "seekbench-cli pdm simulate --project DIR --run RUN_ID --crew-per-day 1 --unplanned-cost 20000",
                {kProjectOpt,
                 {"--run", "RUN_ID", "the run (default: the latest with results)"},
                 {"--settings", "JSON", "settings as JSON, e.g. '{\"crew_per_day\":1}' (the options below win)"},
                 {"--unplanned-cost", "X", "currency per hour of unplanned downtime"},
                 {"--planned-cost", "X", "currency per hour of planned downtime"},
                 {"--parts-cost", "X", "parts, per action"},
                 {"--crew-cost", "X", "crew, per action"},
                 {"--corrective-hours", "H", "downtime of a repair after a failure"},
                 {"--planned-hours", "H", "downtime of a planned action"},
                 {"--crew-per-day", "N", "planned actions a day across the fleet"},
                 {"--response-hours", "H", "from an alert to the earliest action"},
                 {"--preventable-days", "D", "how long before a failure a fixed-schedule action prevents it"}},
                true, pdmSimulateVerb, exitCode);
    addArgsVerb(*pdm, "report", "a maintenance case report (HTML): an alert's or a machine's case",
                "seekbench-cli pdm report --project DIR --alert 12 --out case.html",
                {kProjectOpt,
                 {"--alert", "ID", "the alert's case"},
                 {"--run", "RUN_ID", "with --machine: the run (default: the latest with results)"},
                 {"--machine", "NAME", "a machine's case"},
                 {"--out", "FILE", "the HTML file to write (required)"}},
                false, pdmReportVerb, exitCode);
}

} // namespace seekbench::cli
