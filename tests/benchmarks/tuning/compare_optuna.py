#!/usr/bin/python3
"""Seekbench's sweep samplers side by side with Optuna 3.1 (issue 22).

Part "synthetic": Branin (2-D), Hartmann-6 (6-D) and a 10-D separable quadratic with log
and integer dimensions, each over SEEDS seeds, with four samplers: Seekbench grid, random
and TPE (multivariate, the default) driven through `seekbench-cli sweep ask` / `sweep tell`
in a temporary project (one process per call), and Optuna 3.1's TPESampler in process.
Part "real": the tiny config shortened, eval/loss minimised over lr, warmup, weight decay
and hidden size; Seekbench TPE and random through `seekbench-cli sweep run`, Optuna TPE
driving `seekbench-cli train` per trial. Part "pruning": Seekbench TPE on the real
objective without a pruner, with the median pruner and with ASHA: steps trained, wall
seconds and the best value.

    compare_optuna.py --cli build/dev/app/cli/seekbench-cli [--parts synthetic,real,pruning]
                      [--seeds 10] [--real-seeds 2] [--real-trials 12] [--jobs 2]
                      [--out tests/benchmarks/tuning/results]

Writes compare_optuna.md (the tables, also printed) and compare_optuna.png (best value
against trials, median and quartiles over seeds, one panel per synthetic objective), and
compare_optuna_real.png, under --out. Needs python3-optuna, python3-numpy and
python3-matplotlib (Debian; scripts/bench installs them).

Seekbench trials are runs, so a sweep's params must be keys of the run config schema. The
synthetic objectives therefore use numeric config keys as stand-ins and map them to the
function's domain here (MAPPINGS below); Optuna is given the very same keys, ranges and
log flags, so both samplers search the same space and only the sampler differs.
"""
import argparse
import concurrent.futures as cf
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import numpy as np
    import optuna
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
except ImportError:
    print("compare_optuna.py: needs python3-optuna and python3-numpy (apt-get install python3-optuna python3-numpy)")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TINY = os.path.join(ROOT, "resources", "configs", "tiny.yaml")

# ----------------------------------------------------------------------------------------
# Synthetic objectives. Each param: (config key, kind, low, high, grid points).
# kind: "uniform" | "log_uniform" | "int" | ("int", log=True) as "int_log".


def branin(x1, x2):
    a, b, c, r, s, t = 1.0, 5.1 / (4 * math.pi**2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    return a * (x2 - b * x1**2 + c * x1 - r) ** 2 + s * (1 - t) * math.cos(x1) + s


H6_A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8],
                 [17, 8, 0.05, 10, 0.1, 14]])
H6_P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                        [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
H6_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def hartmann6(x):
    x = np.asarray(x)
    return float(-np.sum(H6_ALPHA * np.exp(-np.sum(H6_A * (x - H6_P) ** 2, axis=1))))


def even_grid(low, high, n):
    """n grid points at the centres of n equal cells of [low, high]."""
    return [low + (high - low) * (k + 0.5) / n for k in range(n)]


# Branin on x1 in [-5, 10], x2 in [0, 15]: x1 = -5 + 1.5 wd, x2 = 1.5 clip (both keys in [0, 10]).
BRANIN_PARAMS = [("training.weight_decay", "uniform", 0.0, 10.0, even_grid(0, 10, 8)),
                 ("training.grad_clip", "uniform", 0.0, 10.0, even_grid(0, 10, 8))]
# Hartmann-6 on [0, 1]^6: three keys whose own range is [0, 1] map as x = v; weight decay and
# grad clip on [0, 10] as x = v / 10; rope_theta on [1, 11] as x = (v - 1) / 10.
H6_PARAMS = [("data.difficulty", "uniform", 0.0, 1.0, [0.25, 0.75]),
             ("training.min_lr_ratio", "uniform", 0.0, 1.0, [0.25, 0.75]),
             ("model.rms_norm_eps", "uniform", 0.0, 1.0, [0.25, 0.75]),
             ("model.rope_theta", "uniform", 1.0, 11.0, [3.5, 8.5]),
             ("training.weight_decay", "uniform", 0.0, 10.0, [2.5, 7.5]),
             ("training.grad_clip", "uniform", 0.0, 10.0, [2.5, 7.5])]
# The 10-D function: f = sum_i ((u_i - u_i*) / w_i)^2, u = log10(v) on log dims, v otherwise,
# w_i the dim's width in those units (so each term is in [0, 1]). Minimum 0 at v*.
QUAD_PARAMS = [  # key, kind, low, high, grid, optimum
    ("training.lr", "log_uniform", 1e-6, 1.0, [1e-5, 1e-2], 1e-3),
    ("training.eps", "log_uniform", 1e-12, 1e-2, [1e-10, 1e-4], 1e-8),
    ("model.rope_theta", "log_uniform", 1.0, 1e8, [1e2, 1e6], 1e5),
    ("training.weight_decay", "log_uniform", 1e-6, 1.0, [1e-5, 1e-2], 3e-2),
    ("data.difficulty", "uniform", 0.0, 1.0, [0.25, 0.75], 0.3),
    ("training.min_lr_ratio", "uniform", 0.0, 1.0, [0.25, 0.75], 0.7),
    ("training.grad_clip", "uniform", 0.0, 10.0, [2.5, 7.5], 2.5),
    ("training.warmup_steps", "int", 0, 200, None, 50),
    ("model.num_hidden_layers", "int_log", 1, 64, None, 8),
    ("training.batch_size", "int", 1, 256, None, 48),
]


def quad10(v):
    f = 0.0
    for key, kind, low, high, _, opt in QUAD_PARAMS:
        x = v[key]
        if kind in ("log_uniform", "int_log"):
            u, u0, w = math.log10(x), math.log10(opt), math.log10(high) - math.log10(low)
        else:
            u, u0, w = x, opt, high - low
        f += ((u - u0) / w) ** 2
    return f


OBJECTIVES = {
    "branin": dict(title="Branin (2-D)", params=BRANIN_PARAMS, budget=60, optimum=0.397887,
                   f=lambda v: branin(-5 + 1.5 * v["training.weight_decay"], 1.5 * v["training.grad_clip"])),
    "hartmann6": dict(title="Hartmann-6 (6-D)", params=H6_PARAMS, budget=100, optimum=-3.32237,
                      f=lambda v: hartmann6([v["data.difficulty"], v["training.min_lr_ratio"],
                                             v["model.rms_norm_eps"], (v["model.rope_theta"] - 1) / 10,
                                             v["training.weight_decay"] / 10, v["training.grad_clip"] / 10])),
    "quad10": dict(title="10-D log/int quadratic", params=[p[:5] for p in QUAD_PARAMS], budget=100, optimum=0.0,
                   f=quad10),
}

SAMPLERS = ["grid", "random", "tpe", "optuna_tpe"]
LABELS = {"grid": "Seekbench grid", "random": "Seekbench random", "tpe": "Seekbench TPE (multivariate)",
          "optuna_tpe": "Optuna 3.1 TPE (multivariate)"}


def param_yaml(key, kind, low, high, grid, with_grid):
    if kind == "uniform":
        s = f"{{uniform: [{low!r}, {high!r}]"
    elif kind == "log_uniform":
        s = f"{{log_uniform: [{low!r}, {high!r}]"
    elif kind == "int":
        s = f"{{int: [{int(low)}, {int(high)}]"
    elif kind == "int_log":
        s = f"{{int: [{int(low)}, {int(high)}], log: true"
    elif kind == "choices":
        s = "{choices: [" + ", ".join(str(c) for c in low) + "]"
    else:
        raise ValueError(kind)
    if with_grid and grid and kind == "int":
        s += f", step: {grid}"  # an int's grid is its values: the step thins them
    elif with_grid and grid:
        s += ", grid: [" + ", ".join(repr(g) for g in grid) + "]"
    return f"  {key}: {s}}}\n"


def optuna_distribution(kind, low, high):
    if kind == "uniform":
        return FloatDistribution(low, high)
    if kind == "log_uniform":
        return FloatDistribution(low, high, log=True)
    if kind == "int":
        return IntDistribution(int(low), int(high))
    if kind == "int_log":
        return IntDistribution(int(low), int(high), log=True)
    if kind == "choices":
        return CategoricalDistribution(list(low))
    raise ValueError(kind)


def cli_json(cli, *args, check=True):
    p = subprocess.run([cli, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return p


def make_project(cli, base_config_text, sweep_name, sweep_yaml):
    d = tempfile.mkdtemp(prefix="sb_cmp_")
    proj = os.path.join(d, "p")
    cli_json(cli, "project", "init", proj)
    os.makedirs(os.path.join(proj, "configs"), exist_ok=True)
    os.makedirs(os.path.join(proj, "sweeps"), exist_ok=True)
    with open(os.path.join(proj, "configs", "base.yaml"), "w") as f:
        f.write(base_config_text)
    with open(os.path.join(proj, "sweeps", sweep_name + ".yaml"), "w") as f:
        f.write(sweep_yaml)
    cli_json(cli, "sweep", "create", "--space", f"sweeps/{sweep_name}.yaml", "--project", proj, "--json")
    return d, proj


def synthetic_sweep_yaml(obj, sampler, seed):
    y = "base: configs/base.yaml\nobjective: {metric: eval/loss, direction: minimize}\n"
    y += (f"sampler: {{kind: {sampler}, seed: {seed}, startup_trials: 10, ei_candidates: 24, "
          f"multivariate: true, constant_liar: true}}\n")
    y += f"trials: {obj['budget']}\nparallel: 1\nparams:\n"
    for key, kind, low, high, grid in obj["params"]:
        y += param_yaml(key, kind, low, high, grid, sampler == "grid")
    return y


def run_seekbench_synthetic(cli, name, sampler, seed):
    obj = OBJECTIVES[name]
    with open(TINY) as f:
        base = f.read()
    d, proj = make_project(cli, base, "s", synthetic_sweep_yaml(obj, sampler, seed))
    values, calls, t0 = [], 0, time.monotonic()
    try:
        for _ in range(obj["budget"]):
            p = cli_json(cli, "sweep", "ask", "--sweep", "s", "--project", proj, check=False)
            calls += 1
            if p.returncode != 0:
                if "exhausted" in p.stderr:
                    break  # the grid has no point left
                raise RuntimeError(p.stderr)
            a = json.loads(p.stdout)
            v = {k: float(x) for k, x in a["params"].items()}
            value = obj["f"](v)
            cli_json(cli, "sweep", "tell", "--sweep", "s", "--trial", str(a["trial"]), "--value", repr(value),
                     "--project", proj)
            calls += 1
            values.append(value)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return dict(values=values, seconds=time.monotonic() - t0, calls=calls)


def run_ask_tell_synthetic(helper, name, sampler, seed):
    """The same sampler code as `sweep ask` (core/tuning), in one long-lived process."""
    obj = OBJECTIVES[name]
    d = tempfile.mkdtemp(prefix="sb_cmp_")
    space = os.path.join(d, "s.yaml")
    with open(space, "w") as f:
        f.write(synthetic_sweep_yaml(obj, sampler, seed))
    p = subprocess.Popen([helper, space], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    values, t0 = [], time.monotonic()
    try:
        for _ in range(obj["budget"]):
            p.stdin.write("ask\n")
            p.stdin.flush()
            a = json.loads(p.stdout.readline())
            if a.get("exhausted"):
                break
            value = obj["f"]({k: float(x) for k, x in a["params"].items()})
            p.stdin.write(f"tell {a['trial']} {value!r}\n")
            p.stdin.flush()
            p.stdout.readline()
            values.append(value)
    finally:
        p.stdin.close()
        p.wait()
        shutil.rmtree(d, ignore_errors=True)
    return dict(values=values, seconds=time.monotonic() - t0, calls=0)


def optuna_sampler(seed):
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    return optuna.samplers.TPESampler(seed=seed, n_startup_trials=10, n_ei_candidates=24, multivariate=True,
                                      constant_liar=True)


def run_optuna_synthetic(name, seed):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    obj = OBJECTIVES[name]
    dists = {key: optuna_distribution(kind, low, high) for key, kind, low, high, _ in obj["params"]}
    study = optuna.create_study(sampler=optuna_sampler(seed), direction="minimize")
    values, t0 = [], time.monotonic()
    for _ in range(obj["budget"]):
        t = study.ask(dists)
        value = obj["f"]({k: float(x) for k, x in t.params.items()})
        study.tell(t, value)
        values.append(value)
    return dict(values=values, seconds=time.monotonic() - t0, calls=0)


def synthetic_job(cli, name, sampler, seed, helper=None):
    if sampler == "optuna_tpe":
        r = run_optuna_synthetic(name, seed)
    elif helper:
        r = run_ask_tell_synthetic(helper, name, sampler, seed)
    else:
        r = run_seekbench_synthetic(cli, name, sampler, seed)
    r.update(objective=name, sampler=sampler, seed=seed)
    return r


# ----------------------------------------------------------------------------------------
# Summaries


def best_curve(values, budget):
    """Best so far after each trial 1..budget; a sweep that stopped early (an exhausted grid)
    keeps its best."""
    out, best = [], math.inf
    for i in range(budget):
        if i < len(values):
            best = min(best, values[i])
        out.append(best)
    return np.array(out)


def quartiles(a):
    return np.percentile(a, [25, 50, 75], axis=0)


def fmt(x):
    if not math.isfinite(x):
        return "-"
    return f"{x:.4g}"


def synthetic_table(results, seeds):
    lines = ["| objective (budget, minimum) | sampler | best at 25% | best at 50% | best at 100%: median [q1, q3] "
             "| seconds per seed (median) |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    curves = {}
    for name, obj in OBJECTIVES.items():
        budget = obj["budget"]
        for sampler in SAMPLERS:
            rs = [r for r in results if r["objective"] == name and r["sampler"] == sampler]
            if not rs:
                continue
            c = np.array([best_curve(r["values"], budget) for r in rs])
            curves[(name, sampler)] = c
            q = quartiles(c)
            at = lambda frac: q[1][max(0, int(round(budget * frac)) - 1)]
            secs = float(np.median([r["seconds"] for r in rs]))
            lines.append(f"| {obj['title']} ({budget}, {fmt(obj['optimum'])}) | {LABELS[sampler]} | {fmt(at(0.25))} "
                         f"| {fmt(at(0.5))} | {fmt(q[1][-1])} [{fmt(q[0][-1])}, {fmt(q[2][-1])}] | {secs:.1f} |")
    return "\n".join(lines), curves


def plot_curves(curves, panels, path, titles, budgets, log_gap):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 4.2))
    if len(panels) == 1:
        axes = [axes]
    colours = {"grid": "tab:gray", "random": "tab:green", "tpe": "tab:blue", "optuna_tpe": "tab:orange"}
    for ax, name in zip(axes, panels):
        for sampler in SAMPLERS:
            if (name, sampler) not in curves:
                continue
            c = curves[(name, sampler)]
            if log_gap.get(name) is not None:
                c = np.maximum(c - log_gap[name], 1e-6)
            q = quartiles(c)
            x = np.arange(1, c.shape[1] + 1)
            ax.plot(x, q[1], color=colours[sampler], label=LABELS[sampler])
            ax.fill_between(x, q[0], q[2], color=colours[sampler], alpha=0.18)
        ax.set_title(titles[name])
        ax.set_xlabel("trials")
        if log_gap.get(name) is not None:
            ax.set_yscale("log")
            ax.set_ylabel("best value - known minimum" if log_gap[name] != 0 else "best value (minimum 0)")
        else:
            ax.set_ylabel("best eval/loss")
        ax.set_xlim(1, budgets[name])
        ax.grid(True, alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.suptitle("Best value so far: median over seeds, band = quartiles")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ----------------------------------------------------------------------------------------
# The real objective: the tiny config, shortened.

REAL_STEPS = 80
# The grid sampler's points: 3 x 2 x 1 x 3 = 18 trials (every choice of the width; the
# warmup's step of 40 gives 0 and 40).
REAL_PARAMS = [("training.lr", "log_uniform", 1e-4, 3e-2, [1e-3, 3e-3, 1e-2]),
               ("training.warmup_steps", "int", 0, 40, 40),
               ("training.weight_decay", "uniform", 0.0, 0.2, [0.05]),
               ("model.hidden_size", "choices", [32, 64, 128], None, None)]


def real_base_config():
    with open(TINY) as f:
        text = f.read()
    subs = {"max_steps": REAL_STEPS, "eval_every": 20, "checkpoint_every": 1000}
    for k, v in subs.items():
        text = re.sub(rf"^(\s+{k}:).*$", rf"\g<1> {v}", text, flags=re.M)
    text = text.rstrip("\n") + "\n  threads: 1\n"
    return text


def real_sweep_yaml(sampler, seed, trials, pruner):
    y = "base: configs/base.yaml\nobjective: {metric: eval/loss, direction: minimize, at: end}\n"
    y += (f"sampler: {{kind: {sampler}, seed: {seed}, startup_trials: 5, ei_candidates: 24, "
          f"multivariate: true, constant_liar: true}}\n")
    if pruner == "median":
        y += "pruner: {kind: median, startup_trials: 3, warmup_steps: 20}\n"
    elif pruner == "asha":
        y += "pruner: {kind: asha, min_resource: 20, reduction_factor: 2, max_resource: 80}\n"
    y += f"trials: {trials}\nparallel: 1\nparams:\n"
    for key, kind, low, high, grid in REAL_PARAMS:
        y += param_yaml(key, kind, low, high, grid, sampler == "grid")
    return y


def run_real_seekbench(cli, sampler, seed, trials, pruner=None):
    d, proj = make_project(cli, real_base_config(), "real", real_sweep_yaml(sampler, seed, trials, pruner))
    try:
        t0 = time.monotonic()
        cli_json(cli, "sweep", "run", "--sweep", "real", "--project", proj)
        wall = time.monotonic() - t0
        st = json.loads(cli_json(cli, "sweep", "status", "--sweep", "real", "--project", proj, "--json").stdout)
        values, steps, states = [], 0, {}
        for t in sorted(st["trials"], key=lambda t: t["trial"]):
            states[t["state"]] = states.get(t["state"], 0) + 1
            values.append(t["value"] if t["state"] == "complete" and t["value"] is not None else math.inf)
            if "run" in t:
                steps += run_steps(cli, proj, t["run"])
        return dict(values=values, seconds=wall, steps=steps, states=states)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def run_steps(cli, proj, run):
    """The last step the run recorded (train/loss's last step)."""
    show = json.loads(cli_json(cli, "project", "show", proj, run, "--json").stdout)
    return int(find_last_step(show))


def find_last_step(show):
    best = 0
    for key in ("final_step", "step", "last_step", "steps"):
        if isinstance(show.get(key), (int, float)):
            best = max(best, int(show[key]))
    run = show.get("run") if isinstance(show.get("run"), dict) else {}
    for key in ("final_step", "step", "last_step", "steps"):
        if isinstance(run.get(key), (int, float)):
            best = max(best, int(run[key]))
    ms = show.get("metrics")
    for m in ms.values() if isinstance(ms, dict) else ms if isinstance(ms, list) else []:
        if isinstance(m, dict):
            for key in ("last_step", "final_step", "step"):
                if isinstance(m.get(key), (int, float)):
                    best = max(best, int(m[key]))
    return best


def final_eval_loss(show):
    ms = show.get("metrics")
    if isinstance(ms, list):
        for m in ms:
            if isinstance(m, dict) and m.get("key") == "eval/loss":
                for k in ("final", "last", "value"):
                    if isinstance(m.get(k), (int, float)):
                        return float(m[k])
    if isinstance(ms, dict) and "eval/loss" in ms:
        m = ms["eval/loss"]
        if isinstance(m, (int, float)):
            return float(m)
        for k in ("final", "last", "value"):
            if isinstance(m.get(k), (int, float)):
                return float(m[k])
    raise KeyError("eval/loss not found in project show --json")


def run_real_optuna(cli, seed, trials):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    dists = {key: optuna_distribution(kind, low, high) for key, kind, low, high, _ in REAL_PARAMS}
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=5, n_ei_candidates=24, multivariate=True,
                                         constant_liar=True)
    study = optuna.create_study(sampler=sampler, direction="minimize")
    base = real_base_config()
    d = tempfile.mkdtemp(prefix="sb_cmp_")
    proj = os.path.join(d, "p")
    cli_json(cli, "project", "init", proj)
    values, steps, t0 = [], 0, time.monotonic()
    try:
        for i in range(trials):
            t = study.ask(dists)
            text = base
            for key, value in t.params.items():
                section, field = key.split(".")
                text = set_yaml(text, section, field, value)
            cfg = os.path.join(d, f"trial{i}.yaml")
            with open(cfg, "w") as f:
                f.write(text)
            before = set(os.listdir(os.path.join(proj, "runs"))) if os.path.isdir(os.path.join(proj, "runs")) else set()
            p = cli_json(cli, "train", "--project", proj, "--config", cfg, "--name", f"optuna-{i}", check=False)
            new_runs = sorted(set(os.listdir(os.path.join(proj, "runs"))) - before)  # the run's folder is its id
            run = new_runs[0] if len(new_runs) == 1 else None
            if p.returncode != 0 or run is None:
                study.tell(t, state=optuna.trial.TrialState.FAIL)
                values.append(math.inf)
                continue
            show = json.loads(cli_json(cli, "project", "show", proj, run, "--json").stdout)
            value = final_eval_loss(show)
            steps += find_last_step(show)
            study.tell(t, value)
            values.append(value)
        return dict(values=values, seconds=time.monotonic() - t0, steps=steps, states={})
    finally:
        shutil.rmtree(d, ignore_errors=True)


def set_yaml(text, section, field, value):
    """Sets section.field in the tiny config's two-level YAML."""
    lines, out, cur, done = text.splitlines(), [], None, False
    for line in lines:
        m = re.match(r"^(\w+):\s*$", line)
        if m:
            if cur == section and not done:
                out.append(f"  {field}: {value}")
                done = True
            cur = m.group(1)
        elif cur == section and re.match(rf"^  {field}:", line):
            line, done = f"  {field}: {value}", True
        out.append(line)
    if not done:
        out.append(f"  {field}: {value}")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--parts", default="synthetic,real,pruning")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--budget-scale", type=float, default=1.0, help="shrink every synthetic budget")
    ap.add_argument("--random-seeds", type=int, default=10)
    ap.add_argument("--ask-tell", help="drive Seekbench's samplers through this sweep_ask_tell helper "
                    "(one process per sweep) instead of one seekbench-cli process per ask and per tell")
    ap.add_argument("--summarise", help="tabulate and plot the synthetic results of this .jsonl, run nothing")
    ap.add_argument("--real-seeds", type=int, default=2)
    ap.add_argument("--prune-seeds", type=int, default=2)
    ap.add_argument("--real-trials", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--optuna-logpdf-fixed", action="store_true",
                    help="restore the -log(scale) term Optuna 3.1.0's truncnorm.logpdf lacks (as optuna_reference.py "
                    "does), to see how much of Optuna's behaviour comes from it")
    args = ap.parse_args()
    if args.optuna_logpdf_fixed:
        import optuna.samplers._tpe.parzen_estimator as pe
        logpdf = pe.truncnorm.logpdf
        pe.truncnorm.logpdf = lambda x, a, b, loc=0, scale=1: logpdf(x, a, b, loc, scale) - np.log(scale)
        LABELS["optuna_tpe"] = "Optuna 3.1 TPE (multivariate), -log(sigma) restored"
    cli = os.path.abspath(args.cli)
    parts = args.parts.split(",")
    helper = os.path.abspath(args.ask_tell) if args.ask_tell else None
    os.makedirs(args.out, exist_ok=True)
    for obj in OBJECTIVES.values():
        obj["budget"] = max(12, int(round(obj["budget"] * args.budget_scale)))
    report = [f"Optuna {optuna.__version__}; load average at start {load_average()}; "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", ""]
    cache = os.path.join(args.out, "compare_optuna_raw_" + "_".join(parts) + ("_asktell" if helper else "") + ".json")
    raw = {}

    if "synthetic" in parts:
        jobs = []
        # Seed by seed, so that a run cut short still has every sampler on every objective.
        for seed in range(1, args.seeds + 1):
            for name in OBJECTIVES:
                for sampler in ["tpe", "optuna_tpe", "random", "grid"]:
                    # The grid sampler ignores the seed (a fixed order): run it once, count it for every seed.
                    if (sampler == "grid" and seed > 1) or (sampler == "random" and seed > args.random_seeds):
                        continue
                    jobs.append((name, sampler, seed))
        t0 = time.monotonic()
        results = []
        if args.summarise:
            with open(args.summarise) as f:
                results = [json.loads(line) for line in f if line.strip()]
            jobs = []
        tag = "_asktell" if helper else ""
        rawlog = open(os.path.join(args.out, f"compare_optuna_synthetic{tag}.jsonl"), "a")
        with cf.ProcessPoolExecutor(args.jobs) as ex:
            futs = [ex.submit(synthetic_job, cli, *j, helper) for j in jobs]
            for fut in cf.as_completed(futs):
                r = fut.result()
                results.append(r)
                rawlog.write(json.dumps(r) + "\n")
                rawlog.flush()
                print(f"  {r['objective']:9} {r['sampler']:10} seed {r['seed']:2}: best {min(r['values']):.5g} "
                      f"({len(r['values'])} trials, {r['seconds']:.1f} s, load {load_average()})", flush=True)
        seeds_seen = sorted({r["seed"] for r in results})
        for r in list(results):
            if r["sampler"] == "grid":
                results += [dict(r, seed=s, calls=0) for s in seeds_seen if s != r["seed"]]
        calls = [r for r in results if r["calls"]]
        per_call = sum(r["seconds"] for r in calls) / max(1, sum(r["calls"] for r in calls))
        table, curves = synthetic_table(results, args.seeds)
        report += ["### Synthetic objectives" + (" (sweep_ask_tell: core/tuning in one process per sweep)" if helper
                                                 else " (seekbench-cli sweep ask/tell, one process per call)"), "",
                   f"seeds {seeds_seen[0]}-{seeds_seen[-1]} (random: {args.random_seeds}, grid: 1, its fixed order "
                   f"counted for every seed); budgets {', '.join(str(o['budget']) for o in OBJECTIVES.values())}; "
                   f"{args.jobs} sweeps at a time; {time.monotonic() - t0:.0f} s in all; "
                   + (f"one `sweep ask` or `sweep tell` process took {1000 * per_call:.0f} ms on average; "
                      if calls else "") + f"load average at the end {load_average()}.", "", table, ""]
        raw["synthetic"] = results
        plot_curves(curves, list(OBJECTIVES), os.path.join(args.out, f"compare_optuna{tag}.png"),
                    {k: o["title"] for k, o in OBJECTIVES.items()}, {k: o["budget"] for k, o in OBJECTIVES.items()},
                    {k: o["optimum"] for k, o in OBJECTIVES.items()})
        print("\n".join(report), flush=True)

    real_results = []
    if "real" in parts:
        t0 = time.monotonic()
        lines = ["| sampler | best at 25% | best at 50% | best at 100%: median [min, max] over seeds | wall s per sweep "
                 "(median) |", "| --- | ---: | ---: | ---: | ---: |"]
        curves = {}
        samplers = ("grid", "tpe", "random", "optuna_tpe")

        def one(sampler, seed):
            if sampler == "optuna_tpe":
                r = run_real_optuna(cli, seed, args.real_trials)
            else:
                r = run_real_seekbench(cli, sampler, seed, args.real_trials)
            r.update(sampler=sampler, seed=seed, pruner="none")
            print(f"  real {sampler:10} seed {seed}: best {min(r['values']):.4f} ({r['seconds']:.0f} s, "
                  f"{r['steps']} steps, load {load_average()})", flush=True)
            return r

        # The grid has no seed: one sweep stands for every seed. The sweeps are independent
        # projects, `--jobs` at a time (each trial trains on one thread).
        tasks = [(s, seed) for s in samplers for seed in range(1, (1 if s == "grid" else args.real_seeds) + 1)]
        with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            done = list(pool.map(lambda t: one(*t), tasks))
        for sampler in samplers:
            rs = [r for r in done if r["sampler"] == sampler]
            real_results.extend(rs)
            c = np.array([best_curve(r["values"], args.real_trials) for r in rs])
            curves[("real", sampler)] = c
            n = args.real_trials
            lines.append(f"| {LABELS[sampler]} | {fmt(np.median(c[:, max(0, round(n / 4) - 1)]))} | "
                         f"{fmt(np.median(c[:, max(0, round(n / 2) - 1)]))} | {fmt(np.median(c[:, -1]))} "
                         f"[{fmt(c[:, -1].min())}, {fmt(c[:, -1].max())}] | "
                         f"{np.median([r['seconds'] for r in rs]):.0f} |")
        report += ["### The real objective (tiny, %d steps)" % REAL_STEPS, "",
                   f"{args.real_trials} trials, {args.real_seeds} seeds (the grid: one sweep, it has no seed), "
                   f"one trial at a time per sweep, {args.jobs} sweeps at once; "
                   f"{time.monotonic() - t0:.0f} s in all; load average at the end {load_average()}.", "",
                   "\n".join(lines), ""]
        raw["real"] = real_results
        plot_curves(curves, ["real"], os.path.join(args.out, "compare_optuna_real.png"),
                    {"real": f"tiny, {REAL_STEPS} steps: eval/loss"}, {"real": args.real_trials}, {})
        print("\n".join(report[-6:]), flush=True)

    if "pruning" in parts:
        t0 = time.monotonic()
        lines = ["| pruner | seed | trials complete / pruned | steps trained | steps saved | wall s | best eval/loss |",
                 "| --- | ---: | --- | ---: | ---: | ---: | ---: |"]
        for seed in range(1, args.prune_seeds + 1):
            base = next((r for r in real_results if r["sampler"] == "tpe" and r["seed"] == seed), None)
            runs = [("none", base)] if base else []
            for pruner in ([] if base else ["none"]) + ["median", "asha"]:
                r = run_real_seekbench(cli, "tpe", seed, args.real_trials, None if pruner == "none" else pruner)
                print(f"  pruning {pruner:6} seed {seed}: best {min(r['values']):.4f} ({r['seconds']:.0f} s, "
                      f"{r['steps']} steps, {r['states']}, load {load_average()})", flush=True)
                runs.append((pruner, r))
            full = runs[0][1]["steps"]
            for pruner, r in runs:
                states = r.get("states") or {}
                lines.append(f"| {pruner} | {seed} | {states.get('complete', '-')} / {states.get('pruned', 0)} | "
                             f"{r['steps']} | {100 * (1 - r['steps'] / full) if full else 0:.0f}% | "
                             f"{r['seconds']:.0f} | {fmt(min(r['values']))} |")
        report += ["### Pruning on the real objective (Seekbench TPE, same seeds)", "",
                   f"{time.monotonic() - t0:.0f} s; load average at the end {load_average()}.", "",
                   "\n".join(lines), ""]
        print("\n".join(report[-6:]), flush=True)

    with open(cache, "w") as f:
        json.dump(raw, f, default=float)
    md = os.path.join(args.out, "compare_optuna_" + "_".join(parts) + ("_asktell" if helper else "") + ".md")
    with open(md, "w") as f:
        f.write("\n".join(report) + "\n")
    print(f"wrote {md}")


if __name__ == "__main__":
    main()
