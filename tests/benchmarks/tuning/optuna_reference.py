#!/usr/bin/python3
"""Reference values from Optuna 3.1 for the core/tuning unit tests.

Prints the Parzen estimator log densities test_tuning_parzen compares with (Optuna's
_ParzenEstimator, TPESampler's parameters; Optuna 3.1.0's truncnorm.logpdf lacks the
-log(scale) term, restored here as later releases have it), and the prune decisions
test_pruner expects (MedianPruner, SuccessiveHalvingPruner on the same curves).
Needs python3-optuna. Not a test: run it by hand when the tests' tables change.
"""
import math
import warnings

import numpy as np
import optuna
import optuna.samplers._tpe.parzen_estimator as pe
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe.sampler import default_weights

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)

_logpdf = pe.truncnorm.logpdf
pe.truncnorm.logpdf = lambda x, a, b, loc=0, scale=1: _logpdf(x, a, b, loc, scale) - np.log(scale)


def parzen(name, space, observations, multivariate, samples):
    params = pe._ParzenEstimatorParameters(True, 1.0, True, False, default_weights, multivariate)
    estimator = pe._ParzenEstimator({k: np.asarray(v, dtype=float) for k, v in observations.items()}, space, params)
    values = estimator.log_pdf({k: np.asarray(v) for k, v in samples.items()})
    print(f"{name}: " + ", ".join(f"{v:.10f}" for v in values))


def parzen_tables():
    f = FloatDistribution(0, 10)
    i = IntDistribution(0, 10, step=2)
    c = CategoricalDistribution(["a", "b", "c"])
    many = [(k * 37 % 100) / 10.0 for k in range(40)]
    parzen("float", {"x": f}, {"x": [1, 2, 2.5, 7, 9]}, False, {"x": [0.5, 3, 8]})
    parzen("float, 40 observations", {"x": f}, {"x": many}, False, {"x": [0.5, 3, 8, 9.99]})
    # Enough observations for the radix sort and the windowed evaluation; negative values and
    # every value twice.
    wide = [((k * 7919) % 300) / 30 - 5 for k in range(600)]
    parzen("float, 600 observations", {"x": FloatDistribution(-5, 5)}, {"x": wide}, False,
           {"x": [-4.99, -0.3, 0.0, 2.5, 4.9]})
    parzen("log float", {"x": FloatDistribution(1e-3, 1, log=True)}, {"x": [0.01, 0.02, 0.5]}, False,
           {"x": [0.005, 0.3]})
    parzen("int with step", {"x": i}, {"x": [0, 2, 2, 6, 10]}, False, {"x": [0, 4, 10]})
    parzen("categorical", {"c": c}, {"c": [0, 2, 2, 1]}, False, {"c": [0, 1, 2]})
    parzen("multivariate float x categorical", {"x": f, "c": c}, {"x": [1, 2, 2.5, 7, 9], "c": [0, 2, 2, 1, 0]},
           True, {"x": [0.5, 3, 8], "c": [0, 2, 1]})
    parzen("multivariate float x int", {"x": f, "i": i}, {"x": [1, 2, 2.5, 7, 9], "i": [0, 2, 2, 6, 10]}, True,
           {"x": [0.5, 3, 8], "i": [0, 4, 10]})


def asha():
    for direction, sign in (("minimize", 1), ("maximize", -1)):
        for min_resource in (1, 2):
            pruner = optuna.pruners.SuccessiveHalvingPruner(min_resource=min_resource, reduction_factor=3)
            study = optuna.create_study(direction=direction, pruner=pruner)
            pruned_at = []
            steps = 27 * min_resource
            for scale in [5, 3, 8, 1, 9, 2, 7, 4, 6]:
                trial = study.ask()
                stop = 0
                for step in range(1, steps + 1):
                    trial.report(sign * scale * (1 + 1 / step), step)
                    if trial.should_prune():
                        stop = step
                        break
                if stop:
                    study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                else:
                    study.tell(trial, sign * scale * (1 + 1 / steps))
                pruned_at.append(stop)
            print(f"ASHA {direction}, min_resource {min_resource}: pruned at {pruned_at}")


def median(maximize, completed, earlier, step, value):
    pruner = optuna.pruners.MedianPruner(n_startup_trials=2, n_warmup_steps=2)
    study = optuna.create_study(direction="maximize" if maximize else "minimize", pruner=pruner)
    for k in range(3):
        trial = study.ask()
        for s in range(1, 6):
            trial.report(1.0 + k, s)
        if k < completed:
            study.tell(trial, 1.0 + k)
        else:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
    trial = study.ask()
    if not math.isnan(earlier):
        trial.report(earlier, 1)
    trial.report(value, step)
    return trial.should_prune()


def median_table():
    rows = [("worse than the median", False, 3, math.nan, 3, 5.0), ("better", False, 3, math.nan, 3, 1.5),
            ("equal", False, 3, math.nan, 3, 2.0), ("within warmup", False, 3, math.nan, 1, 5.0),
            ("first step after warmup", False, 3, math.nan, 2, 5.0), ("before startup", False, 1, math.nan, 3, 5.0),
            ("best so far counts", False, 3, 1.0, 3, 5.0), ("no completed value", False, 3, math.nan, 9, 5.0),
            ("nan", False, 3, math.nan, 3, math.nan), ("maximize, worse", True, 3, math.nan, 3, 1.5),
            ("maximize, better", True, 3, math.nan, 3, 2.5), ("median interpolates", False, 2, math.nan, 3, 1.6)]
    for name, *args in rows:
        print(f"median, {name}: {'prune' if median(*args) else 'continue'}")


if __name__ == "__main__":
    print(f"Optuna {optuna.__version__}")
    parzen_tables()
    asha()
    median_table()
