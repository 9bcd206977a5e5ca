#pragma once

// The AML scenario's stored words in the user's language: alert severities, model names,
// analyst statuses and the reason codes of an alert's reasons. The store keeps the
// English words (scripts and the CLI read them); only what is shown is translated.

#include <QCoreApplication>
#include <QString>

#include <string>

namespace seekbench::ui {

class AmlText
{
    Q_DECLARE_TR_FUNCTIONS(AmlText)
public:
    static QString severity(const std::string &word); // high | medium | low
    static QString model(const std::string &word);    // graph | xgboost
    static QString status(const std::string &word);   // new | reviewing | escalated | dismissed
    // One reason as the engine wrote it ("VELOCITY_24H: sender_velocity_24h=5 (z=3.1)",
    // "NEIGHBOUR: receiver B has account risk 0.91"), led by what its code means:
    // "Many transfers sent in 24 h — VELOCITY_24H: ...". Unknown codes are shown as they are.
    static QString reason(const std::string &reason);
};

} // namespace seekbench::ui
