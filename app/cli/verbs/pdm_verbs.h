#pragma once

// The pdm verbs that train and evaluate (pdm_train.cpp), registered with the others in pdm.cpp.

namespace seekbench::cli {

struct VerbArgs;

// pdm train --project DIR (--config FILE [--fleet NAME] [--name NAME] | --resume RUN_ID)
int pdmTrainVerb(VerbArgs &o);
// pdm evaluate --project DIR --run RUN_ID: the run's evaluation again (baselines, policies).
int pdmEvaluateVerb(VerbArgs &o);

} // namespace seekbench::cli
