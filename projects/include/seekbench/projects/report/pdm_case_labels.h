#pragma once

// Every fixed word a maintenance case report (pdm_case_document.h) shows: section titles,
// keys, column headers, sentences, the charts' legends. English by default (`seekbench-cli
// pdm report`); the desktop application fills one with tr() strings
// (ui/src/pdm/pdm_case_labels_tr.cpp). Texts with %1, %2 take arguments (fillLabel in
// report_labels.h).
//
// The store keeps the English words of failure modes, sensors and splits; the *Name
// functions show them in the report's language (empty: as stored).

#include <functional>
#include <string>

namespace seekbench::projects::report {

struct PdmCaseLabels
{
    using Words = std::function<std::string(const std::string &)>;

    std::string language = "en";
    std::string contents = "Contents";
    std::string alertTitle = "Maintenance case: alert #%1 on %2";
    std::string machineTitle = "Maintenance case: machine %1";
    std::string subtitle = "Project %1; run %2";
    std::string notRecorded = "-";

    // Section titles.
    std::string overview = "Case overview";
    std::string alert = "The alert";
    std::string why = "Why the model alerted";
    std::string health = "The machine's health now";
    std::string charts = "Scores and readings";
    std::string log = "Maintenance log and failures";
    std::string otherAlerts = "The machine's other alerts";
    std::string machineAlerts = "The machine's alerts";
    std::string action = "Recommended action";
    std::string provenance = "Provenance";

    // Times and durations in the fleet's unit.
    std::string utcTimes = "UTC date and time";
    std::string cycleTimes = "cycles";
    std::string cycleAt = "cycle %1";
    std::string hours = "%1 h";
    std::string days = "%1 days";
    std::string cycles = "%1 cycles";

    // Overview.
    std::string project = "Project";
    std::string run = "Run";
    std::string runNamed = "%1 (%2)"; // name, id
    std::string fleet = "Fleet";
    std::string fleetFile = "Fleet file";
    std::string fleetRead = "%1 (read)";
    std::string fleetNoRecord
        = "the project no longer records the fleet %1: its readings and maintenance log are left out.";
    std::string fleetMissing = "%1 is missing: the readings and the maintenance log are left out of this report.";
    std::string fleetChanged
        = "%1 changed after the run was trained on it: the readings and the maintenance log are left out of this report.";
    std::string fleetUnreadable
        = "%1 cannot be read (%2): the readings and the maintenance log are left out of this report.";
    std::string machine = "Machine";
    std::string split = "Split";
    std::string heldOut = "%1 (held out: the model never trained or tuned on this machine)";
    std::string tunedOn = "%1 (the thresholds were tuned on this machine)";
    std::string times = "Times";
    std::string reportTime = "Report written";

    // The alert.
    std::string alertId = "Alert";
    std::string alertNumber = "#%1";
    std::string mode = "Failure mode";
    std::string raisedAt = "Raised at";
    std::string lastWindow = "Last alerting window";
    std::string score = "Score";
    std::string scoreVsThreshold = "%1 (threshold %2)";
    std::string outcome = "Outcome";
    std::string failureFollowed = "a failure (%1) at %2, %3 after the alert";
    std::string noFailure = "no failure followed within the horizon (%1)";
    std::string noAlert = "No alert: this case covers the machine's health in the run, not an alert.";

    // Why.
    std::string contributions = "XGBoost contributions to the %1 score";
    std::string feature = "Feature";
    std::string value = "Value";
    std::string contribution = "Contribution (log-odds)";
    std::string logOdds
        = "These are the contributions of the explainable XGBoost model, which reads the window's summary features, in "
          "log-odds: its margin starts at the bias %1 and each feature adds its contribution (positive: toward a failure, "
          "negative: away from it), giving %2, a score of 1 / (1 + e^-margin) = %3. The table lists the largest; the "
          "alert itself was raised by the run's model.";
    std::string noContributions = "The explainable model gives no contributions for this alert.";
    std::string explanationNote = "Note from the explainable model: %1";
    std::string sensorAttention = "Sensors by attention";
    std::string sensor = "Sensor";
    std::string weight = "Attention";
    std::string temporalAttention = "Steps of the window by attention";
    std::string step = "Step";
    std::string covers = "Covers";
    std::string span = "%1 to %2";
    std::string temporalSummary
        = "The window covers %1 to %2 in %3 steps of %4. The newest quarter of its steps holds %5 of the attention (an "
          "even spread would give %6).";
    std::string noAttention = "The run recorded no attention for this window.";
    std::string whyLast = "What the model weighed in the last window";

    // Health now.
    std::string risk = "Risk (last window)";
    std::string riskOf = "%1 (%2)"; // score, mode
    std::string rul = "Predicted remaining useful life";
    std::string peakRisk = "Peak risk over the run";
    std::string windows = "Windows scored";
    std::string lastWindowAt = "Last window";
    std::string alertCount = "Alerts";
    std::string failureCount = "Failures in the log";

    // Charts.
    std::string scoresOverTime = "Failure scores over time";
    std::string daysSince = "Days since %1";
    std::string cycleAxis = "Cycle";
    std::string failureScore = "Failure score";
    std::string thresholdSeries = "Threshold (%1)";
    std::string alertMark = "The alert";
    std::string alertsMark = "Alerts";
    std::string failureMark = "Failures";
    std::string scoresNotes
        = "Each line is the mean of a bucket of windows; the band spans the bucket's lowest and highest score. A flat "
          "line marks each mode's threshold; dots mark alerts and, at the top, failures.";
    std::string noScores = "The run kept no scores for this machine.";
    std::string readings = "Sensor readings";
    std::string readingsTitle = "%1 around the alert";
    std::string readingsTitleLast = "%1 over the last window";
    std::string hoursFromAlert = "Hours from %1";
    std::string cyclesFromAlert = "Cycles from %1";
    std::string readingsNotes
        = "The most-attended sensor's raw readings over the alert's window and the horizon after it (%1 readings, "
          "shown in %2 buckets: the line is the mean, the band the lowest and highest reading).";
    std::string readingsNotesLast
        = "The most-attended sensor's raw readings over the machine's last window (%1 readings, shown in %2 buckets).";
    std::string noReadings = "No readings of %1 in this span.";

    // Log.
    std::string time = "Time";
    std::string event = "Event";
    std::string failure = "failure";
    std::string scheduled = "scheduled maintenance";
    std::string corrective = "corrective maintenance";
    std::string allModes = "all modes";
    std::string downtime = "Downtime";
    std::string noEvents = "The log records no maintenance and no failure of this machine.";
    std::string logUnavailable = "The maintenance log is not available: %1";

    // Other alerts.
    std::string truePositive = "failure after %1";
    std::string falseAlarm = "no failure";
    std::string noOtherAlerts = "No other alert was raised on this machine in this run.";
    std::string noMachineAlerts = "No alert was raised on this machine in this run.";

    // Recommended action.
    std::string actNow
        = "Inspect %1 for %2 now: its latest score %3 is at or above the threshold %4, and the predicted remaining useful life is %5.";
    std::string noActionNow
        = "No action is due now: the latest score of %1 is %2 (%3), below its threshold %4; the predicted remaining useful life is %5.";
    std::string notScored = "The machine has no scored window, so its health now is unknown.";
    std::string alertPreceded
        = "This alert preceded a failure (%1) by %2: on the next such alert, inspect the machine for %1 within %2.";
    std::string alertFalse = "No failure (%1) followed this alert within %2: it was a false alarm.";

    // Provenance.
    std::string seekbenchVersion = "Seekbench";
    std::string qtVersion = "Qt";
    std::string noQt = "none (a build without the desktop programs)";
    std::string generatedAt = "Generated";
    std::string generatedOn = "Generated on";
    std::string runCreated = "Results stored";

    // Stored words in the report's language; empty: as stored.
    Words modeName;   // bearing_wear | overheating | pump_cavitation | failure
    Words sensorName; // vibration_rms | ...; imported names
    Words splitName;  // train | validation | test
};

} // namespace seekbench::projects::report
