// `seekbench-cli aml report`: a self-contained HTML case report for an alert or an account.

#include "aml_support.h"

#include "seekbench/aml/csv_import.h"
#include "seekbench/projects/aml_results.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/tracer.h"
#include "seekbench/projects/transactions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace seekbench::cli::aml_cli {

using namespace seekbench::projects;
using nlohmann::json;

// ---- report --------------------------------------------------------------------------

int amlReport(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--project", "--alert", "--account", "--run", "--out", "--note"}, {});
    if (!o.error.empty())
        return fail("report", o.error);
    const auto out = o.get("--out");
    if (!out)
        return fail("report", "--out FILE.html is required");
    try {
        Project project = openProject(o);
        TransactionStore store(project);
        AmlResultStore results(project);
        std::optional<AmlAlertRow> alert;
        std::optional<AccountRow> account;
        if (auto a = o.get("--alert")) {
            alert = results.alert(std::int64_t(number(o, "--alert", 0)));
            if (!alert)
                throw std::invalid_argument("no alert " + *a + " in the project");
            account = store.account(alert->accountId);
        } else if (auto name = o.get("--account")) {
            account = store.accountByName(*name);
            if (!account)
                throw std::invalid_argument("no account '" + *name + "' in the project");
        } else {
            throw std::invalid_argument("give --alert ID or --account NAME");
        }
        const std::string runId = alert ? alert->runId : o.get("--run").value_or(results.latestScoredRun().value_or(""));
        const auto txs = store.transactionsOf(account->id, 500);
        std::map<std::int64_t, float> score;
        if (!runId.empty())
            for (const auto &[id, s] : results.scores(runId, alert ? alert->model : "graph"))
                score[id] = s;
        Tracer tracer(project);
        TraceOptions topts;
        topts.frontierCap = 50;
        const TraceResult trace = alert ? tracer.fromTransaction(alert->txId, topts) : tracer.fromAccount(account->id, 0, 1e18, topts);
        const json tj = traceJson(store, trace);
        const auto accScore = runId.empty() ? std::nullopt : results.accountScore(runId, "graph", account->id);
        const auto accAlerts = results.alertsOfAccount(account->id, 50);

        std::ostringstream h;
        const std::string title = alert ? "Case report: alert #" + std::to_string(alert->id) : "Case report: account " + account->name;
        h << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << html(title) << "</title><style>"
          << "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:13px}"
          << "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#eee}.lab{color:#b00;font-weight:bold}"
          << ".hi{background:#fdd}.cyc{color:#b00}</style></head><body>\n";
        h << "<h1>" << html(title) << "</h1>\n<p>Project " << html(project.dir().string()) << "; run " << html(runId.empty() ? "(none)" : runId)
          << "; generated " << html(aml::formatTimestamp(double(std::time(nullptr)))) << "</p>\n";
        h << "<h2>Account</h2><table><tr><th>name</th><td>" << html(account->name) << "</td></tr><tr><th>type</th><td>"
          << (account->business ? "business" : "personal") << "</td></tr><tr><th>country</th><td>" << html(account->country)
          << "</td></tr><tr><th>label</th><td>" << (account->label < 0 ? "unknown" : account->label ? "laundering" : "normal")
          << "</td></tr><tr><th>account risk (graph model)</th><td>" << (accScore ? fmt("%.4f", *accScore) : "-") << "</td></tr></table>\n";
        if (alert) {
            h << "<h2>Score and reasons</h2><p>Score " << fmt("%.4f", alert->score) << " against threshold "
              << fmt("%.4f", alert->threshold) << " (model " << html(alert->model) << "), severity <b>" << html(alert->severity)
              << "</b>, status " << html(alert->status) << ".</p><ul>";
            for (const auto &r : json::parse(alert->reasonsJson))
                h << "<li>" << html(r.get<std::string>()) << "</li>";
            h << "</ul>\n";
        }
        if (!accAlerts.empty()) {
            h << "<h2>Alerts on this account</h2><table><tr><th>alert</th><th>run</th><th>tx</th><th>score</th><th>severity</th></tr>";
            for (const auto &a : accAlerts)
                h << "<tr><td>#" << a.id << "</td><td>" << html(a.runId) << "</td><td>" << a.txId << "</td><td>" << fmt("%.4f", a.score)
                  << "</td><td>" << html(a.severity) << "</td></tr>";
            h << "</table>\n";
        }
        // Transactions over time: an inline SVG (amount on a log scale), then the table.
        if (!txs.empty()) {
            const double t0 = txs.front().ts, t1 = std::max(txs.back().ts, t0 + 1);
            double amax = 1;
            for (const auto &t : txs)
                amax = std::max(amax, t.amount);
            h << "<h2>Transactions over time</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"220\">"
              << "<rect x=\"40\" y=\"10\" width=\"750\" height=\"180\" fill=\"none\" stroke=\"#999\"/>";
            for (const auto &t : txs) {
                const double x = 40 + 750 * (t.ts - t0) / (t1 - t0);
                const double y = 190 - 180 * std::log10(1 + t.amount) / std::log10(1 + amax);
                const bool outgoing = t.sender == account->id;
                const bool hit = alert && t.id == alert->txId;
                h << "<circle cx=\"" << fmt("%.1f", x) << "\" cy=\"" << fmt("%.1f", y) << "\" r=\"" << (hit ? 6 : 3) << "\" fill=\""
                  << (hit ? "#d00" : outgoing ? "#c60" : "#06c") << "\"><title>" << html(aml::formatTimestamp(t.ts)) << " "
                  << fmt("%.2f", t.amount) << "</title></circle>";
            }
            h << "<text x=\"40\" y=\"210\" font-size=\"11\">" << html(aml::formatTimestamp(t0)) << "</text><text x=\"640\" y=\"210\" font-size=\"11\">"
              << html(aml::formatTimestamp(t1)) << "</text></svg><p>orange: sent, blue: received, red: the alerted transaction</p>\n";
            h << "<table><tr><th>tx</th><th>time</th><th>from</th><th>to</th><th>amount</th><th>channel</th><th>score</th><th>label</th></tr>";
            for (const auto &t : txs) {
                const bool hit = alert && t.id == alert->txId;
                const auto s = score.find(t.id);
                h << "<tr" << (hit ? " class=\"hi\"" : "") << "><td>" << t.id << "</td><td>" << html(aml::formatTimestamp(t.ts))
                  << "</td><td>" << html(t.senderName) << "</td><td>" << html(t.receiverName) << "</td><td>" << fmt("%.2f", t.amount)
                  << " " << html(t.currency) << "</td><td>" << html(t.channel) << "</td><td>"
                  << (s == score.end() ? "-" : fmt("%.4f", s->second)) << "</td><td" << (t.label == 1 ? " class=\"lab\"" : "") << ">"
                  << (t.label < 0 ? "" : t.label ? "laundering" : "normal") << "</td></tr>";
            }
            h << "</table>\n";
        }
        h << "<h2>Traced fund chains</h2><p>" << trace.chains.size() << " chains (6 hops, 72 h window, amount within 10 %), "
          << fmt("%.1f", trace.elapsedMs) << " ms" << (trace.truncated ? "; <b>truncated</b> at the frontier cap" : "") << ".</p><ol>";
        for (const auto &c : tj["chains"]) {
            h << "<li>" << html(c["direction"].get<std::string>()) << (c["cycle"].get<bool>() ? " <span class=\"cyc\">cycle</span>" : "") << ": ";
            bool first = true;
            for (const auto &hp : c["hops"]) {
                if (first)
                    h << html(hp["from"].get<std::string>());
                first = false;
                h << " &rarr; " << html(hp["to"].get<std::string>()) << " (" << fmt("%.2f", hp["amount"].get<double>()) << ", +"
                  << fmt("%.1f", hp["delay_hours"].get<double>()) << " h, " << fmt("%.0f", 100 * hp["share"].get<double>()) << " %)";
            }
            h << "</li>";
        }
        h << "</ol>\n<h2>Notes</h2><p>" << html(o.get("--note").value_or(alert ? alert->notes : "")) << "</p>\n</body></html>\n";
        std::ofstream f(*out, std::ios::binary | std::ios::trunc);
        f << h.str();
        if (!f)
            return fail("report", "cannot write " + *out, ExitRuntime);
        std::fprintf(stderr, "wrote %s (%zu transactions, %zu chains)\n", out->c_str(), txs.size(), trace.chains.size());
        return ExitOk;
    } catch (const ProjectError &e) {
        return fail("report", e.what(), e.exitCode());
    } catch (const std::exception &e) {
        return fail("report", e.what());
    }
}

} // namespace seekbench::cli::aml_cli
