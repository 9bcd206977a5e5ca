#include "seekbench/projects/aml_case_report.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/report/report_html.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace seekbench::projects {

using nlohmann::json;

namespace {
std::string fmt(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}
} // namespace

std::string htmlEscape(const std::string &s) { return report::escapeHtml(s); }

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

std::string AmlCase::title() const
{
    return alert ? "Case report: alert #" + std::to_string(alert->id) : "Case report: account " + account.name;
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
    c.accountAlerts = results.alertsOfAccount(c.account.id, 50);
    Tracer tracer(project);
    TraceOptions topts;
    topts.frontierCap = request.chainLimit;
    c.trace = c.alert ? tracer.fromTransaction(c.alert->txId, topts) : tracer.fromAccount(c.account.id, 0, 1e18, topts);
    c.names[c.account.id] = c.account.name;
    for (const auto &chain : c.trace.chains)
        for (const auto &h : chain.hops)
            for (const std::int64_t id : {h.from, h.to})
                if (!c.names.count(id))
                    c.names[id] = store.account(id).value_or(AccountRow{}).name;
    return c;
}

std::string amlCaseReportHtml(const AmlCase &c)
{
    const AccountRow &account = c.account;
    const auto &alert = c.alert;
    std::ostringstream h;
    const std::string title = c.title();
    h << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << htmlEscape(title)
      << "</title><style>"
      << "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:13px}"
      << "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#eee}.lab{color:#b00;font-weight:bold}"
      << ".hi{background:#fdd}.cyc{color:#b00}</style></head><body>\n";
    h << "<h1>" << htmlEscape(title) << "</h1>\n<p>Project " << htmlEscape(c.projectDir) << "; run "
      << htmlEscape(c.runId.empty() ? "(none)" : c.runId) << "; generated "
      << htmlEscape(aml::formatTimestamp(double(std::time(nullptr)))) << "</p>\n";
    h << "<h2>Account</h2><table><tr><th>name</th><td>" << htmlEscape(account.name) << "</td></tr><tr><th>type</th><td>"
      << (account.business ? "business" : "personal") << "</td></tr><tr><th>country</th><td>"
      << htmlEscape(account.country) << "</td></tr><tr><th>label</th><td>"
      << (account.label < 0 ? "unknown"
          : account.label   ? "laundering"
                            : "normal")
      << "</td></tr><tr><th>account risk (graph model)</th><td>"
      << (c.accountScore ? fmt("%.4f", *c.accountScore) : "-") << "</td></tr></table>\n";
    if (alert) {
        h << "<h2>Score and reasons</h2><p>Score " << fmt("%.4f", alert->score) << " against threshold "
          << fmt("%.4f", alert->threshold) << " (model " << htmlEscape(alert->model) << "), severity <b>"
          << htmlEscape(alert->severity) << "</b>, status " << htmlEscape(alert->status) << ".</p><ul>";
        for (const auto &r : c.reasons)
            h << "<li>" << htmlEscape(r) << "</li>";
        h << "</ul>\n";
    }
    if (!c.accountAlerts.empty()) {
        h << "<h2>Alerts on this account</h2><table><tr><th>alert</th><th>run</th><th>tx</th><th>score</th><th>severity</th>"
             "<th>status</th></tr>";
        for (const auto &a : c.accountAlerts)
            h << "<tr><td>#" << a.id << "</td><td>" << htmlEscape(a.runId) << "</td><td>" << a.txId << "</td><td>"
              << fmt("%.4f", a.score) << "</td><td>" << htmlEscape(a.severity) << "</td><td>" << htmlEscape(a.status)
              << "</td></tr>";
        h << "</table>\n";
    }
    const auto &txs = c.transactions;
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
            const bool outgoing = t.sender == account.id;
            const bool hit = alert && t.id == alert->txId;
            h << "<circle cx=\"" << fmt("%.1f", x) << "\" cy=\"" << fmt("%.1f", y) << "\" r=\"" << (hit ? 6 : 3)
              << "\" fill=\""
              << (hit        ? "#d00"
                  : outgoing ? "#c60"
                             : "#06c")
              << "\"><title>" << htmlEscape(aml::formatTimestamp(t.ts)) << " " << fmt("%.2f", t.amount)
              << "</title></circle>";
        }
        h << "<text x=\"40\" y=\"210\" font-size=\"11\">" << htmlEscape(aml::formatTimestamp(t0))
          << "</text><text x=\"640\" y=\"210\" font-size=\"11\">" << htmlEscape(aml::formatTimestamp(t1))
          << "</text></svg><p>orange: sent, blue: received, red: the alerted transaction</p>\n";
        h << "<table><tr><th>tx</th><th>time</th><th>from</th><th>to</th><th>amount</th><th>channel</th><th>score</th>"
             "<th>label</th></tr>";
        for (const auto &t : txs) {
            const bool hit = alert && t.id == alert->txId;
            const auto s = c.scores.find(t.id);
            h << "<tr" << (hit ? " class=\"hi\"" : "") << "><td>" << t.id << "</td><td>"
              << htmlEscape(aml::formatTimestamp(t.ts)) << "</td><td>" << htmlEscape(t.senderName) << "</td><td>"
              << htmlEscape(t.receiverName) << "</td><td>" << fmt("%.2f", t.amount) << " " << htmlEscape(t.currency)
              << "</td><td>" << htmlEscape(t.channel) << "</td><td>"
              << (s == c.scores.end() ? "-" : fmt("%.4f", s->second)) << "</td><td"
              << (t.label == 1 ? " class=\"lab\"" : "") << ">"
              << (t.label < 0 ? ""
                  : t.label   ? "laundering"
                              : "normal")
              << "</td></tr>";
        }
        h << "</table>\n";
    }
    h << "<h2>Traced fund chains</h2><p>" << c.trace.chains.size()
      << " chains (6 hops, 72 h window, amount within 10 %), " << fmt("%.1f", c.trace.elapsedMs) << " ms"
      << (c.trace.truncated ? "; <b>truncated</b> at the frontier cap" : "") << ".</p><ol>";
    for (const auto &chain : c.trace.chains) {
        h << "<li>" << (chain.forward ? "forward" : "backward")
          << (chain.cycle ? " <span class=\"cyc\">cycle</span>" : "") << ": ";
        bool first = true;
        for (const auto &hp : chain.hops) {
            if (first)
                h << htmlEscape(c.nameOf(hp.from));
            first = false;
            h << " &rarr; " << htmlEscape(c.nameOf(hp.to)) << " (" << fmt("%.2f", hp.amount) << ", +"
              << fmt("%.1f", hp.delaySeconds / 3600) << " h, " << fmt("%.0f", 100 * hp.share) << " %)";
        }
        h << "</li>";
    }
    h << "</ol>\n<h2>Notes</h2><p>" << htmlEscape(c.notes) << "</p>\n</body></html>\n";
    return h.str();
}

void writeReportFile(const std::filesystem::path &file, const std::string &text)
{
    std::ofstream f(file, std::ios::binary | std::ios::trunc);
    if (!f)
        throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
    f << text;
    f.flush();
    if (!f)
        throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(errno));
}

} // namespace seekbench::projects
