// An AML case as a report document: what the analyst needs to decide on an alert (or to
// look at an account) in the order they read it, every word from AmlCaseLabels.

#include "seekbench/projects/report/aml_case_document.h"

#include "seekbench/aml/data.h"
#include "seekbench/projects/aml_case_report.h"
#include "seekbench/projects/report/provenance.h"
#include "seekbench/projects/report/report_labels.h"

#include <cstdio>

namespace seekbench::projects::report {

namespace {

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string word(const AmlCaseLabels::Words &shown, const std::string &stored)
{
    return shown ? shown(stored) : stored;
}

std::string number(const AmlCaseLabels &l, std::int64_t id) { return fillLabel(l.alertNumber, {std::to_string(id)}); }

std::string runText(const AmlCase &c, const AmlCaseLabels &l)
{
    if (c.runId.empty())
        return l.none;
    return c.runName.empty() || c.runName == c.runId ? c.runId : fillLabel(l.runNamed, {c.runName, c.runId});
}

std::string labelText(int label, const AmlCaseLabels &l)
{
    return label < 0 ? l.unknown : label ? l.laundering : l.normal;
}

bool isAlerted(const AmlCase &c, const TransactionRow &t) { return c.alert && t.id == c.alert->txId; }

Section overviewSection(const AmlCase &c, const AmlCaseLabels &l)
{
    KeyValueList kv;
    kv.items = {{l.project, c.projectDir}, {l.run, runText(c, l)}, {l.model, word(l.modelName, c.model)}};
    if (c.alert)
        kv.items.push_back({l.alertId, number(l, c.alert->id)});
    kv.items.push_back({l.account, c.account.name});
    kv.items.push_back({l.transactionCount, std::to_string(c.transactions.size())});
    kv.items.push_back({l.chainCount, std::to_string(c.trace.chains.size())});
    return Section{amlcase::kOverview, l.overview, {std::move(kv)}};
}

Section alertSection(const AmlCase &c, const AmlCaseLabels &l)
{
    Section s{amlcase::kAlert, l.alert, {}};
    if (!c.alert) {
        s.blocks.push_back(Paragraph{l.noAlert});
        return s;
    }
    const AmlAlertRow &a = *c.alert;
    s.blocks.push_back(KeyValueList{{},
                                    {{l.alertId, number(l, a.id)},
                                     {l.transaction, number(l, a.txId)},
                                     {l.score, fixed(a.score, 4)},
                                     {l.threshold, fixed(a.threshold, 4)},
                                     {l.model, word(l.modelName, a.model)},
                                     {l.severity, word(l.severityName, a.severity)},
                                     {l.status, word(l.statusName, a.status)}}});
    if (c.reasons.empty()) {
        s.blocks.push_back(Paragraph{l.noReasons});
        return s;
    }
    Table reasons{l.reasons, {{l.reason}}, {}};
    for (const auto &r : c.reasons)
        reasons.rows.push_back({{word(l.reasonText, r)}});
    s.blocks.push_back(std::move(reasons));
    return s;
}

Section accountSection(const AmlCase &c, const AmlCaseLabels &l)
{
    const AccountRow &a = c.account;
    KeyValueList kv{{},
                    {{l.name, a.name},
                     {l.type, a.business ? l.business : l.personal},
                     {l.country, a.country},
                     {l.label, labelText(a.label, l)},
                     {l.accountRisk, c.accountScore ? fixed(*c.accountScore, 4) : l.notRecorded}}};
    return Section{amlcase::kAccount, l.account, {std::move(kv)}};
}

Section accountAlertsSection(const AmlCase &c, const AmlCaseLabels &l)
{
    Section s{amlcase::kAccountAlerts, l.accountAlerts, {}};
    if (c.accountAlerts.empty()) {
        s.blocks.push_back(Paragraph{l.noAccountAlerts});
        return s;
    }
    Table t{{},
            {{l.alertId},
             {l.run},
             {l.transaction, ColumnKind::Number},
             {l.score, ColumnKind::Number},
             {l.severity},
             {l.status}},
            {}};
    for (const auto &a : c.accountAlerts) {
        // The case's own alert stands out, as its transaction does below.
        const CellTone tone = c.alert && a.id == c.alert->id ? CellTone::Worse : CellTone::Neutral;
        t.rows.push_back({{number(l, a.id), tone},
                          {a.runId, tone},
                          {std::to_string(a.txId), tone},
                          {fixed(a.score, 4), tone},
                          {word(l.severityName, a.severity), tone},
                          {word(l.statusName, a.status), tone}});
    }
    s.blocks.push_back(std::move(t));
    return s;
}

// Each transfer: days across, amount up on a log scale (a transfer of 0 cannot sit on
// it and is left out of the chart, not of the table).
Chart transactionsChart(const AmlCase &c, const AmlCaseLabels &l)
{
    const double t0 = c.transactions.front().ts;
    ChartSeries received{l.received, 0, {}, true}, sent{l.sent, 3, {}, true}, alerted{l.alerted, 1, {}, true};
    for (const auto &t : c.transactions) {
        if (!(t.amount > 0))
            continue;
        ChartSeries &s = isAlerted(c, t) ? alerted : t.sender == c.account.id ? sent : received;
        s.points.push_back({(t.ts - t0) / 86400, t.amount, t.amount, t.amount});
    }
    Chart chart{l.transactionsOverTime, fillLabel(l.daysSince, {aml::formatTimestamp(t0)}), l.amount, true, false, {}};
    for (ChartSeries *s : {&received, &sent, &alerted})
        if (!s->points.empty())
            chart.series.push_back(std::move(*s));
    return chart;
}

Section transactionsSection(const AmlCase &c, const AmlCaseLabels &l)
{
    Section s{amlcase::kTransactions, l.transactions, {}};
    if (c.transactions.empty()) {
        s.blocks.push_back(Paragraph{l.noTransactions});
        return s;
    }
    s.blocks.push_back(transactionsChart(c, l));
    s.blocks.push_back(Paragraph{l.marked});
    Table t{{},
            {{l.transaction, ColumnKind::Number},
             {l.time},
             {l.from},
             {l.to},
             {l.amount, ColumnKind::Number},
             {l.currency},
             {l.channel},
             {l.score, ColumnKind::Number},
             {l.label}},
            {}};
    for (const auto &tx : c.transactions) {
        const CellTone tone = isAlerted(c, tx) ? CellTone::Worse : CellTone::Neutral;
        const auto score = c.scores.find(tx.id);
        t.rows.push_back(
            {{std::to_string(tx.id), tone},
             {aml::formatTimestamp(tx.ts), tone},
             {tx.senderName, tone},
             {tx.receiverName, tone},
             {fixed(tx.amount, 2), tone},
             {tx.currency, tone},
             {tx.channel, tone},
             {score == c.scores.end() ? l.notRecorded : fixed(score->second, 4), tone},
             {tx.label < 0 ? std::string() : labelText(tx.label, l), tx.label == 1 ? CellTone::Worse : tone}});
    }
    s.blocks.push_back(std::move(t));
    return s;
}

// A chain as one line of text: "A → B (10000.00, +0.0 h, 100 %) → C (9800.00, +10.0 h, 98 %)".
std::string chainText(const AmlCase &c, const TraceChain &chain, const AmlCaseLabels &l)
{
    std::string text;
    for (const auto &h : chain.hops) {
        if (text.empty())
            text = c.nameOf(h.from);
        text += " "
                + fillLabel(l.hop, {c.nameOf(h.to), fixed(h.amount, 2), fixed(h.delaySeconds / 3600, 1),
                                    fixed(100 * h.share, 0)});
    }
    return text;
}

Section chainsSection(const AmlCase &c, const AmlCaseLabels &l)
{
    Section s{amlcase::kChains, l.chains, {}};
    const TraceOptions &o = c.traceOptions;
    s.blocks.push_back(
        Paragraph{fillLabel(l.chainsSummary, {std::to_string(c.trace.chains.size()), std::to_string(o.maxHops),
                                              fixed(o.windowSeconds / 3600, 0), fixed(100 * o.tolerance, 0),
                                              fixed(c.trace.elapsedMs, 1)})});
    if (c.trace.truncated)
        s.blocks.push_back(Paragraph{l.chainsTruncated});
    if (c.trace.chains.empty()) {
        s.blocks.push_back(Paragraph{l.noChains});
        return s;
    }
    Table t{{}, {{l.direction}, {l.cycle}, {l.chain}}, {}};
    for (const auto &chain : c.trace.chains)
        t.rows.push_back({{chain.forward ? l.forward : l.backward},
                          {chain.cycle ? l.yes : std::string(), chain.cycle ? CellTone::Worse : CellTone::Neutral},
                          {chainText(c, chain, l)}});
    s.blocks.push_back(std::move(t));
    return s;
}

Section provenanceSection(const AmlCase &c, const Provenance &p, const AmlCaseLabels &l)
{
    KeyValueList kv{{}, buildRows(p, l.seekbenchVersion, l.qtVersion, l.noQt, l.generatedAt, l.generatedOn)};
    kv.items.insert(kv.items.end(), {{l.project, c.projectDir}, {l.run, runText(c, l)}});
    return Section{amlcase::kProvenance, l.provenance, {std::move(kv)}};
}

} // namespace

Report buildAmlCaseReport(const AmlCase &c, const AmlCaseLabels &labels)
{
    const AmlCaseLabels &l = labels;
    Report report;
    report.kind = "aml_case";
    report.language = l.language;
    report.title = c.alert ? fillLabel(l.alertTitle, {std::to_string(c.alert->id)})
                           : fillLabel(l.accountTitle, {c.account.name});
    report.subtitle = fillLabel(l.subtitle, {c.projectDir, runText(c, l)});
    report.contentsTitle = l.contents;
    report.provenance = caseProvenance(c.runId, c.runName);
    report.sections.push_back(overviewSection(c, l));
    report.sections.push_back(alertSection(c, l));
    report.sections.push_back(accountSection(c, l));
    report.sections.push_back(accountAlertsSection(c, l));
    report.sections.push_back(transactionsSection(c, l));
    report.sections.push_back(chainsSection(c, l));
    report.sections.push_back(Section{amlcase::kNotes, l.notes, {Paragraph{c.notes.empty() ? l.none : c.notes}}});
    report.sections.push_back(provenanceSection(c, report.provenance, l));
    return report;
}

} // namespace seekbench::projects::report
