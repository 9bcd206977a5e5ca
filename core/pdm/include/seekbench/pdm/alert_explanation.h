#pragma once

// Why a window scores what it scores for one failure mode: the XGBoost model's TreeSHAP
// contributions (pdm_xgboost.h), as plain values that the store, the views and the reports
// keep without linking XGBoost.

#include <string>
#include <vector>

namespace seekbench::pdm {

struct FeatureContribution
{
    std::string name;
    float value = 0;        // the feature's value in the window
    float contribution = 0; // log-odds it adds to the score's margin
};

// Why a window scores what it scores for one failure mode.
struct AlertExplanation
{
    std::string mode;
    float score = 0;  // probability of that failure within the horizon
    float margin = 0; // log-odds: bias + the sum of every feature's contribution
    float bias = 0;
    std::vector<FeatureContribution> top; // by |contribution|, largest first
    std::string note;                     // set when the mode has no booster
};

// One alert's explanation as JSON ({"mode","score","margin","bias","note","top":[{"feature",
// "value","contribution"}]}), and back; parsing names what is wrong (std::invalid_argument).
std::string alertExplanationJson(const AlertExplanation &e);
AlertExplanation parseAlertExplanation(const std::string &json);

} // namespace seekbench::pdm
