#pragma once

// The pdm verbs that train and evaluate (pdm_train.cpp), read a run's results
// (pdm_results.cpp) and write its maintenance case reports (pdm_report.cpp), registered
// with the others in pdm.cpp.

namespace seekbench::cli {

struct VerbArgs;

// pdm train --project DIR (--config FILE [--fleet NAME] [--name NAME] | --resume RUN_ID)
int pdmTrainVerb(VerbArgs &o);
// pdm evaluate --project DIR --run RUN_ID: the run's evaluation again (baselines, policies).
int pdmEvaluateVerb(VerbArgs &o);
// pdm alerts --project DIR --run RUN_ID [--machine NAME] [--mode NAME] [--split S] [--json]
int pdmAlertsVerb(VerbArgs &o);
// pdm explain --project DIR --alert ID [--json]: one alert's attention and XGBoost contributions.
int pdmExplainVerb(VerbArgs &o);
// pdm simulate --project DIR --run RUN_ID [--settings JSON] [--crew-per-day N ...] [--json]
int pdmSimulateVerb(VerbArgs &o);
// pdm report --project DIR (--alert ID | --run RUN_ID --machine NAME) --out FILE.html
int pdmReportVerb(VerbArgs &o);

} // namespace seekbench::cli
