#pragma once

// A small AML project for the case store and the analyst views: accounts A..H, a hub (H)
// that trades with everyone, a forward chain A -> B -> C -> D, and alerts on A's and B's
// transfers with statuses and reasons. Times are hours after 2026-01-01.

#include "seekbench/aml/data.h"
#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_manifest.h"
#include "seekbench/projects/transactions.h"

#include <filesystem>
#include <string>
#include <vector>

namespace amlfixture {

constexpr double kT0 = 1767225600; // 2026-01-01T00:00:00Z
constexpr double kHour = 3600;
constexpr const char *kRun = "run-fixture";

inline seekbench::projects::Project makeAmlProject(const std::filesystem::path &dir)
{
    using namespace seekbench;
    projects::ProjectManifest m;
    m.name = "aml fixture";
    m.scenario = "aml";
    auto p = projects::Project::create(dir, m);
    aml::AmlData d;
    for (char c = 'A'; c <= 'H'; ++c)
        d.accounts.push(std::string(1, c), c == 'H', "CN", c <= 'D' ? 1 : 0, c == 'B');
    auto tx = [&](char from, char to, double hour, double amount, int label, int typology) {
        d.tx.push(kT0 + hour * kHour, from - 'A', to - 'A', amount, "USD", 0, label, typology, label ? 1 : -1);
    };
    tx('A', 'B', 10, 10000, 1, aml::kStack); // tx 1
    tx('B', 'C', 20, 9800, 1, aml::kStack);  // tx 2
    tx('C', 'D', 30, 9600, 1, aml::kStack);  // tx 3
    for (int i = 0; i < 4; ++i) {            // tx 4..11: the hub trades with E, F, G, A
        tx('H', char('E' + i % 3), 40 + i, 100 + i, 0, 0);
        tx(char('E' + i % 3), 'H', 50 + i, 50 + i, 0, 0);
    }
    tx('A', 'H', 60, 70, 0, 0); // tx 12
    projects::TransactionStore(p).append(d);
    projects::AmlResultStore results(p);
    std::vector<projects::AmlAlertRow> alerts;
    auto alert = [&](std::int64_t txId, std::int64_t account, double score, const char *severity) {
        projects::AmlAlertRow a;
        a.txId = txId;
        a.accountId = account;
        a.score = score;
        a.threshold = 0.5;
        a.severity = severity;
        a.reasonsJson = R"j(["VELOCITY: out_24h=3 (z=4.1)", "NEIGHBOUR: receiver C has account risk 0.910"])j";
        alerts.push_back(a);
    };
    alert(1, 1, 0.97, "high");
    alert(2, 2, 0.81, "medium");
    alert(12, 1, 0.55, "low");
    results.replaceAlerts(kRun, "graph", alerts);
    // The operating curve of 10 validation days and its chosen point (threshold 0.5), and
    // a different one for 20 test days (the threshold panel must show the validation one).
    results.saveCurve(kRun, "graph", "validation", 10,
                      R"([{"threshold":0.9,"precision":1.0,"recall":0.5,"fpr":0.0,"alerts":20},)"
                      R"({"threshold":0.5,"precision":0.8,"recall":1.0,"fpr":0.1,"alerts":100},)"
                      R"({"threshold":0.1,"precision":0.3,"recall":1.0,"fpr":0.5,"alerts":400}])");
    results.saveCurve(kRun, "graph", "test", 20,
                      R"([{"threshold":0.9,"precision":0.9,"recall":0.4,"fpr":0.0,"alerts":10},)"
                      R"({"threshold":0.5,"precision":0.7,"recall":0.9,"fpr":0.1,"alerts":60},)"
                      R"({"threshold":0.1,"precision":0.2,"recall":1.0,"fpr":0.5,"alerts":300}])");
    projects::AmlThresholdRow th;
    th.runId = kRun;
    th.model = "graph";
    th.threshold = 0.5;
    th.days = 10;
    results.saveThreshold(th);
    return p;
}

} // namespace amlfixture
