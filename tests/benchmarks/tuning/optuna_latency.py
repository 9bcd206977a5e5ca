#!/usr/bin/python3
"""Optuna 3.1's TPESampler ask latency on the history bench_sweep_suggest uses.

Runs bench_sweep_suggest (which writes its 5,000-trial history as JSON and prints its
own figures), loads that history into an in-memory Optuna study with
optuna.trial.create_trial + study.add_trials, times study.ask() with the space's
distributions (so the sampler runs inside ask) at 100, 1,000 and 5,000 trials, and prints
Optuna's medians beside Seekbench's and their ratio.

    optuna_latency.py --bench build/dev/tests/benchmarks/tuning/bench_sweep_suggest [--repeats 15]

Needs python3-optuna (Debian; scripts/bench installs it).
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import optuna
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
except ImportError:
    print("optuna_latency.py: python3-optuna is not installed (apt-get install python3-optuna)")
    sys.exit(0)

# The space of bench_sweep_suggest.cpp, as Optuna distributions.
DISTRIBUTIONS = {
    "training.lr": FloatDistribution(1e-5, 1e-1, log=True),
    "training.weight_decay": FloatDistribution(0.0, 0.3),
    "training.warmup_steps": IntDistribution(0, 500, step=10),
    "model.num_hidden_layers": IntDistribution(1, 32, log=True),
    "model.hidden_size": CategoricalDistribution(["64", "128", "256", "512"]),
    "training.optimizer": CategoricalDistribution(["adamw", "sgd"]),
}
SIZES = (100, 1000, 5000)


def to_optuna(trial):
    params = {}
    for key, text in trial["params"].items():
        dist = DISTRIBUTIONS[key]
        if isinstance(dist, CategoricalDistribution):
            params[key] = text
        elif isinstance(dist, IntDistribution):
            params[key] = int(text)
        else:
            params[key] = float(text)
    if trial["state"] == "pruned":
        return optuna.trial.create_trial(
            params=params, distributions=DISTRIBUTIONS, state=optuna.trial.TrialState.PRUNED,
            intermediate_values={int(s): v for s, v in trial.get("intermediate", [])})
    return optuna.trial.create_trial(params=params, distributions=DISTRIBUTIONS, value=trial["value"])


def optuna_ms(history, n, multivariate, repeats):
    sampler = optuna.samplers.TPESampler(seed=1, n_startup_trials=10, n_ei_candidates=24,
                                         multivariate=multivariate, constant_liar=True)
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.add_trials([to_optuna(t) for t in history[:n]])
    times = []
    for r in range(repeats + 1):
        start = time.perf_counter()
        trial = study.ask(fixed_distributions=DISTRIBUTIONS)
        elapsed = (time.perf_counter() - start) * 1000
        # Failed trials are ignored by TPE: the next ask sees the same history.
        study.tell(trial, state=optuna.trial.TrialState.FAIL)
        if r > 0:  # the first is a warm-up
            times.append(elapsed)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="path to bench_sweep_suggest")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        out = subprocess.run([args.bench, str(args.repeats), "--history-json", f.name], check=True,
                             capture_output=True, text=True).stdout
        history = json.load(open(f.name))
    print(out, end="")
    ours = {}
    for line in out.splitlines():
        m = re.match(r"tpe \((independent|multivariate)\)\s+(.*)", line)
        if m:
            ours[m.group(1) == "multivariate"] = [float(x) for x in re.findall(r"([\d.]+) \(", m.group(2))]

    print(f"\nOptuna {optuna.__version__} TPESampler ask latency, same history, median of {args.repeats} asks (ms wall)")
    print(f"{'sampler':20} {'trials':>7} {'Optuna':>10} {'Seekbench':>10} {'Optuna/Seekbench':>17}")
    for multivariate in (False, True):
        for i, n in enumerate(SIZES):
            theirs = optuna_ms(history, n, multivariate, args.repeats)
            mine = ours.get(multivariate, [float("nan")] * 3)[i]
            name = "tpe (multivariate)" if multivariate else "tpe (independent)"
            print(f"{name:20} {n:7d} {theirs:10.2f} {mine:10.3f} {theirs / mine:16.1f}x", flush=True)


if __name__ == "__main__":
    main()
