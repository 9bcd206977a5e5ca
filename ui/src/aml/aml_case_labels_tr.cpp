#include "aml/aml_case_labels_tr.h"

#include "aml/aml_text.h"

#include <QCoreApplication>

namespace seekbench::ui {

namespace {

// Every field of AmlCaseLabels is set below: one added there without its line here would
// stay English in a Chinese report, so the build stops until it is added.
static_assert(sizeof(projects::report::AmlCaseLabels)
                  == 71 * sizeof(std::string) + 4 * sizeof(projects::report::AmlCaseLabels::Words),
              "AmlCaseLabels changed: translate the new label in translatedAmlCaseLabels()");

std::string translated(const char *text) { return QCoreApplication::translate("AmlCaseLabels", text).toStdString(); }

} // namespace

projects::report::AmlCaseLabels translatedAmlCaseLabels()
{
    projects::report::AmlCaseLabels l;
    //: The report's language code: zh_CN in the Chinese translation (it picks the PDF's fonts).
    l.language = QCoreApplication::translate("AmlCaseLabels", "en").toStdString();
    l.contents = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Contents"));
    l.alertTitle = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Case report: alert #%1"));
    l.accountTitle = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Case report: account %1"));
    l.subtitle = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Project %1; run %2"));
    l.none = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "(none)"));
    l.notRecorded = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "-"));
    l.overview = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Case overview"));
    l.alert = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Alert and reasons"));
    l.account = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Account"));
    l.accountAlerts = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Alerts on this account"));
    l.transactions = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Transactions"));
    l.chains = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Traced fund chains"));
    l.notes = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Analyst's notes"));
    l.provenance = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Provenance"));
    l.project = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Project"));
    l.run = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Run"));
    l.runNamed = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "%1 (%2)"));
    l.model = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Model"));
    l.alertId = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Alert"));
    l.alertNumber = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "#%1"));
    l.transactionCount = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Transactions shown"));
    l.chainCount = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Traced chains"));
    l.transaction = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Transaction"));
    l.score = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Score"));
    l.threshold = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Threshold"));
    l.severity = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Severity"));
    l.status = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Status"));
    l.reasons = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Reasons"));
    l.reason = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Reason"));
    l.noAlert = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "No alert: the report covers the account's activity."));
    l.noReasons = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "The alert records no reasons."));
    l.name = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Name"));
    l.type = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Type"));
    l.business = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "business"));
    l.personal = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "personal"));
    l.country = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Country"));
    l.label = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Label"));
    l.laundering = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "laundering"));
    l.normal = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "normal"));
    l.unknown = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "unknown"));
    l.accountRisk = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Account risk (graph model)"));
    l.noAccountAlerts = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "No alert was raised on this account."));
    l.transactionsOverTime = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Transactions over time"));
    l.daysSince = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Days since %1"));
    l.received = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Received"));
    l.sent = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Sent"));
    l.alerted = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "The alerted transaction"));
    l.time = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Time (UTC)"));
    l.from = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "From"));
    l.to = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "To"));
    l.amount = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Amount"));
    l.currency = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Currency"));
    l.channel = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Channel"));
    l.marked = translated(
        QT_TRANSLATE_NOOP("AmlCaseLabels", "Red: the alerted transaction, and transactions labelled laundering."));
    l.noTransactions = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "The account has no transactions."));
    l.chainsSummary = translated(QT_TRANSLATE_NOOP(
        "AmlCaseLabels",
        "Chains: %1 (at most %2 hops, at most %3 h between hops, each amount within %4 % of the previous); traced in %5 ms."));
    l.chainsTruncated = translated(
        QT_TRANSLATE_NOOP("AmlCaseLabels", "Truncated at the frontier cap: more chains may exist."));
    l.direction = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Direction"));
    l.forward = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "forward"));
    l.backward = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "backward"));
    l.cycle = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Cycle"));
    l.yes = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "yes"));
    l.chain = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Chain"));
    l.hop = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "→ %1 (%2, +%3 h, %4 %)"));
    l.noChains = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "No chain was traced."));
    l.seekbenchVersion = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Seekbench"));
    l.qtVersion = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Qt"));
    l.noQt = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "none (a build without the desktop programs)"));
    l.generatedAt = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Generated"));
    l.generatedOn = translated(QT_TRANSLATE_NOOP("AmlCaseLabels", "Generated on"));
    l.severityName = [](const std::string &word) { return AmlText::severity(word).toStdString(); };
    l.statusName = [](const std::string &word) { return AmlText::status(word).toStdString(); };
    l.modelName = [](const std::string &word) { return AmlText::model(word).toStdString(); };
    l.reasonText = [](const std::string &reason) { return AmlText::reason(reason).toStdString(); };
    return l;
}

} // namespace seekbench::ui
