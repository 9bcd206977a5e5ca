#include "aml/aml_text.h"

#include <QHash>

namespace seekbench::ui {

QString AmlText::severity(const std::string &word)
{
    if (word == "high")
        return tr("high");
    if (word == "medium")
        return tr("medium");
    if (word == "low")
        return tr("low");
    return QString::fromStdString(word);
}

QString AmlText::model(const std::string &word)
{
    if (word == "graph")
        return tr("graph");
    if (word == "xgboost")
        return QStringLiteral("XGBoost");
    return QString::fromStdString(word);
}

QString AmlText::status(const std::string &word)
{
    if (word == "reviewing")
        return tr("Reviewing");
    if (word == "escalated")
        return tr("Escalated");
    if (word == "dismissed")
        return tr("Dismissed");
    if (word == "new")
        return tr("New");
    return QString::fromStdString(word);
}

QString AmlText::reason(const std::string &reason)
{
    // The codes of core/aml/src/features.cpp and NEIGHBOUR (evaluation.cpp).
    static const QHash<QString, const char *> meanings = {
        {QStringLiteral("LARGE_AMOUNT"), QT_TR_NOOP("Large amount")},
        {QStringLiteral("ODD_HOUR"), QT_TR_NOOP("Unusual hour")},
        {QStringLiteral("WIRE"), QT_TR_NOOP("Wire transfer")},
        {QStringLiteral("ACH"), QT_TR_NOOP("ACH transfer")},
        {QStringLiteral("CARD"), QT_TR_NOOP("Card payment")},
        {QStringLiteral("CASH"), QT_TR_NOOP("Cash")},
        {QStringLiteral("CRYPTO"), QT_TR_NOOP("Crypto")},
        {QStringLiteral("CROSS_BORDER"), QT_TR_NOOP("Cross-border")},
        {QStringLiteral("ROUND_AMOUNT"), QT_TR_NOOP("Round amount")},
        {QStringLiteral("SENDER_FAN_OUT"), QT_TR_NOOP("Sender pays many accounts")},
        {QStringLiteral("SENDER_FAN_IN"), QT_TR_NOOP("Sender is paid by many accounts")},
        {QStringLiteral("RECEIVER_FAN_OUT"), QT_TR_NOOP("Receiver pays many accounts")},
        {QStringLiteral("RECEIVER_FAN_IN"), QT_TR_NOOP("Receiver is paid by many accounts")},
        {QStringLiteral("SENDER_PASS_THROUGH_FLOW"), QT_TR_NOOP("Sender passes money through")},
        {QStringLiteral("RECEIVER_PASS_THROUGH_FLOW"), QT_TR_NOOP("Receiver passes money through")},
        {QStringLiteral("VELOCITY_24H"), QT_TR_NOOP("Many transfers sent in 24 h")},
        {QStringLiteral("VELOCITY_7D"), QT_TR_NOOP("Many transfers sent in 7 days")},
        {QStringLiteral("RECEIVER_VELOCITY_24H"), QT_TR_NOOP("Receiver got many transfers in 24 h")},
        {QStringLiteral("RAPID_PASS_THROUGH"), QT_TR_NOOP("Money sent on soon after it arrived")},
        {QStringLiteral("HOURS_SINCE_INCOMING"), QT_TR_NOOP("Time since money arrived")},
        {QStringLiteral("UNUSUAL_AMOUNT"), QT_TR_NOOP("Amount unusual for the sender")},
        {QStringLiteral("CYCLE"), QT_TR_NOOP("Part of a cycle of transfers")},
        {QStringLiteral("NEW_SENDER_ACCOUNT"), QT_TR_NOOP("New sender account")},
        {QStringLiteral("NEW_RECEIVER_ACCOUNT"), QT_TR_NOOP("New receiver account")},
        {QStringLiteral("FAN_OUT_7D"), QT_TR_NOOP("Sender paid many accounts in 7 days")},
        {QStringLiteral("FAN_IN_7D"), QT_TR_NOOP("Receiver was paid by many accounts in 7 days")},
        {QStringLiteral("SENDER_ACTIVITY"), QT_TR_NOOP("Sender's activity")},
        {QStringLiteral("NEIGHBOUR"), QT_TR_NOOP("Risky counterparty")},
    };
    const QString text = QString::fromStdString(reason);
    const QString code = text.section(QLatin1Char(':'), 0, 0).trimmed();
    const auto it = meanings.constFind(code);
    if (it == meanings.cend())
        return text;
    return tr(*it) + QStringLiteral(" — ") + text;
}

} // namespace seekbench::ui
