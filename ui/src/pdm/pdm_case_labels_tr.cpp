#include "pdm/pdm_case_labels_tr.h"

#include "pdm/pdm_text.h"

#include <QCoreApplication>

namespace seekbench::ui {

namespace {

// Every field of PdmCaseLabels is set below: one added there without its line here would
// stay English in a Chinese report, so the build stops until it is added.
static_assert(sizeof(projects::report::PdmCaseLabels)
                  == 116 * sizeof(std::string) + 3 * sizeof(projects::report::PdmCaseLabels::Words),
              "PdmCaseLabels changed: translate the new label in translatedPdmCaseLabels()");

std::string translated(const char *text) { return QCoreApplication::translate("PdmCaseLabels", text).toStdString(); }

pdm::Split splitOf(const std::string &word)
{
    return word == "test" ? pdm::Split::Test : word == "validation" ? pdm::Split::Validation : pdm::Split::Train;
}

} // namespace

projects::report::PdmCaseLabels translatedPdmCaseLabels()
{
    projects::report::PdmCaseLabels l;
    //: The report's language code: zh_CN in the Chinese translation (it picks the PDF's fonts).
    l.language = QCoreApplication::translate("PdmCaseLabels", "en").toStdString();
    l.contents = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Contents"));
    l.alertTitle = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Maintenance case: alert #%1 on %2"));
    l.machineTitle = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Maintenance case: machine %1"));
    l.subtitle = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Project %1; run %2"));
    l.notRecorded = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "-"));
    l.overview = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Case overview"));
    l.alert = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The alert"));
    l.why = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Why the model alerted"));
    l.health = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The machine's health now"));
    l.charts = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Scores and readings"));
    l.log = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Maintenance log and failures"));
    l.otherAlerts = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The machine's other alerts"));
    l.machineAlerts = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The machine's alerts"));
    l.action = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Recommended action"));
    l.provenance = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Provenance"));
    l.utcTimes = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "UTC date and time"));
    l.cycleTimes = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "cycles"));
    l.cycleAt = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "cycle %1"));
    l.hours = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 h"));
    l.days = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 days"));
    l.cycles = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 cycles"));
    l.project = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Project"));
    l.run = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Run"));
    l.runNamed = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 (%2)"));
    l.fleet = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Fleet"));
    l.fleetFile = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Fleet file"));
    l.fleetRead = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 (read)"));
    l.fleetNoRecord = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels",
                          "the project no longer records the fleet %1: its readings and maintenance log are left out."));
    l.fleetMissing = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels",
                          "%1 is missing: the readings and the maintenance log are left out of this report."));
    l.fleetChanged = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "%1 changed after the run was trained on it: the readings and the maintenance log are left out of this report."));
    l.fleetUnreadable = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels",
                          "%1 cannot be read (%2): the readings and the maintenance log are left out of this report."));
    l.machine = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Machine"));
    l.split = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Split"));
    l.heldOut = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 (held out: the model never trained or tuned on this machine)"));
    l.tunedOn = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 (the thresholds were tuned on this machine)"));
    l.times = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Times"));
    l.reportTime = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Report written"));
    l.alertId = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Alert"));
    l.alertNumber = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "#%1"));
    l.mode = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Failure mode"));
    l.raisedAt = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Raised at"));
    l.lastWindow = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Last alerting window"));
    l.score = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Score"));
    l.scoreVsThreshold = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 (threshold %2)"));
    l.outcome = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Outcome"));
    l.failureFollowed = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "a failure (%1) at %2, %3 after the alert"));
    l.noFailure = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "no failure followed within the horizon (%1)"));
    l.noAlert = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "No alert: this case covers the machine's health in the run, not an alert."));
    l.contributions = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "XGBoost contributions to the %1 score"));
    l.feature = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Feature"));
    l.value = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Value"));
    l.contribution = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Contribution (log-odds)"));
    l.logOdds = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "These are the contributions of the explainable XGBoost model, which reads the window's summary features, in log-odds: its margin starts at the bias %1 and each feature adds its contribution (positive: toward a failure, negative: away from it), giving %2, a score of 1 / (1 + e^-margin) = %3. The table lists the largest; the alert itself was raised by the run's model."));
    l.noContributions = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "The explainable model gives no contributions for this alert."));
    l.explanationNote = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Note from the explainable model: %1"));
    l.sensorAttention = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Sensors by attention"));
    l.sensor = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Sensor"));
    l.weight = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Attention"));
    l.temporalAttention = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Steps of the window by attention"));
    l.step = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Step"));
    l.covers = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Covers"));
    l.span = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 to %2"));
    l.temporalSummary = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "The window covers %1 to %2 in %3 steps of %4. The newest quarter of its steps holds %5 of the attention (an even spread would give %6)."));
    l.noAttention = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The run recorded no attention for this window."));
    l.whyLast = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "What the model weighed in the last window"));
    l.risk = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Risk (last window)"));
    l.riskOf = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 (%2)"));
    l.rul = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Predicted remaining useful life"));
    l.peakRisk = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Peak risk over the run"));
    l.windows = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Windows scored"));
    l.lastWindowAt = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Last window"));
    l.alertCount = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Alerts"));
    l.failureCount = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Failures in the log"));
    l.scoresOverTime = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Failure scores over time"));
    l.daysSince = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Days since %1"));
    l.cycleAxis = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Cycle"));
    l.failureScore = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Failure score"));
    l.thresholdSeries = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Threshold (%1)"));
    l.alertMark = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The alert"));
    l.alertsMark = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Alerts"));
    l.failureMark = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Failures"));
    l.scoresNotes = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "Each line is the mean of a bucket of windows; the band spans the bucket's lowest and highest score. A flat line marks each mode's threshold; dots mark alerts and, at the top, failures."));
    l.noScores = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The run kept no scores for this machine."));
    l.readings = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Sensor readings"));
    l.readingsTitle = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 around the alert"));
    l.readingsTitleLast = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "%1 over the last window"));
    l.hoursFromAlert = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Hours from %1"));
    l.cyclesFromAlert = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Cycles from %1"));
    l.readingsNotes = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "The most-attended sensor's raw readings over the alert's window and the horizon after it (%1 readings, shown in %2 buckets: the line is the mean, the band the lowest and highest reading)."));
    l.readingsNotesLast = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "The most-attended sensor's raw readings over the machine's last window (%1 readings, shown in %2 buckets)."));
    l.noReadings = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "No readings of %1 in this span."));
    l.time = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Time"));
    l.event = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Event"));
    l.failure = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "failure"));
    l.scheduled = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "scheduled maintenance"));
    l.corrective = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "corrective maintenance"));
    l.allModes = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "all modes"));
    l.downtime = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Downtime"));
    l.noEvents = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "The log records no maintenance and no failure of this machine."));
    l.logUnavailable = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "The maintenance log is not available: %1"));
    l.truePositive = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "failure after %1"));
    l.falseAlarm = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "no failure"));
    l.noOtherAlerts = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "No other alert was raised on this machine in this run."));
    l.noMachineAlerts = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "No alert was raised on this machine in this run."));
    l.actNow = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "Inspect %1 for %2 now: its latest score %3 is at or above the threshold %4, and the predicted remaining useful life is %5."));
    l.noActionNow = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "No action is due now: the latest score of %1 is %2 (%3), below its threshold %4; the predicted remaining useful life is %5."));
    l.notScored = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "The machine has no scored window, so its health now is unknown."));
    l.alertPreceded = translated(QT_TRANSLATE_NOOP(
        "PdmCaseLabels",
        "This alert preceded a failure (%1) by %2: on the next such alert, inspect the machine for %1 within %2."));
    l.alertFalse = translated(
        QT_TRANSLATE_NOOP("PdmCaseLabels", "No failure (%1) followed this alert within %2: it was a false alarm."));
    l.seekbenchVersion = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Seekbench"));
    l.qtVersion = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Qt"));
    l.noQt = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "none (a build without the desktop programs)"));
    l.generatedAt = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Generated"));
    l.generatedOn = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Generated on"));
    l.runCreated = translated(QT_TRANSLATE_NOOP("PdmCaseLabels", "Results stored"));
    l.modeName = [](const std::string &w) { return PdmText::mode(w).toStdString(); };
    l.sensorName = [](const std::string &w) { return PdmText::sensor(w).toStdString(); };
    l.splitName = [](const std::string &w) {
        return w == "train" || w == "validation" || w == "test" ? PdmText::split(splitOf(w)).toStdString() : w;
    };
    return l;
}

} // namespace seekbench::ui
