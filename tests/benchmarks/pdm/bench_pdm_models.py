#!/usr/bin/env python3
"""The predictive maintenance sensor model against its baselines (issue 26).

For each data seed / training seed pair, through the path a user takes:
`seekbench-cli project init`, `pdm generate` (a simulated fleet, core/pdm simulator.h) and
`pdm train --config resources/configs/pdm.yaml` twice: the LSTM with per-sensor and temporal
attention, and the same LSTM without attention (pdm.attention: false). Each run's evaluation
(eval/pdm_evaluation.json) puts beside it, on the same windows and split: XGBoost on the
windows' summary features with the model's embedding, XGBoost alone, and the plant's
threshold rule. Thresholds are tuned on the validation machines and every figure is measured
once on the test machines, in the last quarter of the period.

Prints, per model, the mean and standard deviation over the seeds of: alert precision,
recall of failures at lead >= min_lead (a day), window PR-AUC, overall and per failure mode,
the median lead time of true alerts, RUL RMSE (hours) for the sensor models; the ratio of
the attention model's PR-AUC to each other model's; and the policy replay (reactive, fixed
schedule, predictive on the attention model's alerts): downtime and cost and the predictive
policy's reductions, beside the reference article's -45 % downtime and -28 % cost. Also the
wall time of generate and train, and the processor.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
ap = argparse.ArgumentParser()
ap.add_argument("--cli", required=True)
ap.add_argument("--config", default=os.path.join(root, "resources", "configs", "pdm.yaml"))
ap.add_argument("--seeds", default="11:42,12:43,13:44", help="data:training seed pairs, comma separated")
ap.add_argument("--machines", type=int, default=100)
ap.add_argument("--days", type=int, default=180)
ap.add_argument("--resolution-s", type=int, default=300)
ap.add_argument("--keep", metavar="DIR", help="create the projects under DIR and keep them")
ap.add_argument("--from", dest="source", metavar="DIR",
                help="print the figures of projects a run with --keep DIR made, without training again")
a = ap.parse_args()


def run(args):
    w0 = time.monotonic()
    r = subprocess.run([a.cli] + args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"seekbench-cli {' '.join(args)} exited {r.returncode}:\n{r.stderr[-3000:]}")
    return r, time.monotonic() - w0


def processor():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def train(project, config_text, name):
    cfg = os.path.join(project, name + ".yaml")
    open(cfg, "w").write(config_text)
    r, wall = run(["pdm", "train", "--project", project, "--config", cfg, "--fleet", "plant", "--name", name])
    m = re.search(r"^run (\S+):", r.stderr, re.M)
    if not m:
        sys.exit("no run id in pdm train's output:\n" + r.stderr[-2000:])
    ev = json.load(open(os.path.join(project, "runs", m.group(1), "eval", "pdm_evaluation.json")))
    return ev, wall


def kept(project, name):
    """The evaluation of the run called `name` in a kept project."""
    for run in sorted(os.listdir(os.path.join(project, "runs"))):
        folder = os.path.join(project, "runs", run)
        if re.search(rf'^name: "?{re.escape(name)}"?$', open(os.path.join(folder, "config.yaml")).read(), re.M):
            return json.load(open(os.path.join(folder, "eval", "pdm_evaluation.json"))), 0.0
    sys.exit(f"no run '{name}' in {project}")


def hours(lead, key):
    return lead[key] / 3600 if lead.get(key) is not None else None


def figures(model_json):
    o = model_json["overall"]
    f = {"precision": o["precision"], "recall": o["recall_at_lead"], "pr_auc": o["pr_auc"],
         "lead_p25_h": hours(o["lead"], "p25"), "lead_median_h": hours(o["lead"], "median"),
         "lead_p75_h": hours(o["lead"], "p75")}
    for m in model_json["modes"]:
        for key, name in (("pr_auc", "pr_auc"), ("precision", "precision"), ("recall_at_lead", "recall")):
            f[name + "/" + m["mode"]] = m[key]
    rul = model_json.get("rul") or {}
    if rul.get("windows"):
        f["rul_rmse_h"] = rul["rmse"]
    return f


results = {}  # model -> list of figure dicts, one per seed
policies = []
timings = []
base = open(a.config).read()
holder = a.source or a.keep or tempfile.mkdtemp(prefix="bench-pdm-")
for pair in a.seeds.split(","):
    data_seed, train_seed = (int(x) for x in pair.split(":"))
    project = os.path.join(holder, f"pdm-{data_seed}-{train_seed}")
    if a.source:
        gen_wall = 0.0
        with_att, wall_a = kept(project, "attention")
        no_att, wall_b = kept(project, "no-attention")
    else:
        run(["project", "init", project])
        _, gen_wall = run(["pdm", "generate", "--project", project, "--name", "plant", "--machines",
                           str(a.machines), "--days", str(a.days), "--resolution-s", str(a.resolution_s), "--seed",
                           str(data_seed)])
        cfg = re.sub(r"(?m)^  seed: \d+", f"  seed: {train_seed}", base)
        with_att, wall_a = train(project, cfg, "attention")
        no_att, wall_b = train(project, re.sub(r"(?m)^  attention: true", "  attention: false", cfg),
                               "no-attention")
    by = {m["model"]: m for m in with_att["models"]}
    rows = {"lstm+attention": by["model"], "lstm (no attention)": {m["model"]: m for m in no_att["models"]}["model"],
            "xgboost+embedding": by["xgboost+embedding"], "xgboost": by["xgboost"],
            "threshold_rule": by["threshold_rule"]}
    for name, mj in rows.items():
        results.setdefault(name, []).append(figures(mj))
    policies.append(with_att["policies"])
    timings.append((gen_wall, wall_a, wall_b))
    if not a.source:
        print(f"seeds {data_seed}:{train_seed}: generate {gen_wall:.0f} s, train+evaluate {wall_a:.0f} s with attention, "
              f"{wall_b:.0f} s without", flush=True)


def stat(values):
    v = [x for x in values if x is not None]
    if not v:
        return "-"
    if len(v) == 1:
        return f"{v[0]:.3f}"
    return f"{statistics.mean(v):.3f} ± {statistics.stdev(v):.3f}"


def mean(values):
    v = [x for x in values if x is not None]
    return statistics.mean(v) if v else float("nan")


print(f"\nprocessor: {processor()}; fleet: {a.machines} machines x {a.days} days at {a.resolution_s} s; "
      f"seeds {a.seeds}; config {os.path.relpath(a.config, root)}")
keys = ["precision", "recall", "pr_auc", "rul_rmse_h"]
modes = sorted({k[7:] for f in results["lstm+attention"] for k in f if k.startswith("pr_auc/")})
print(f"\n{'model (test machines)':24}" + "".join(f"{k:>20}" for k in keys))
for name, fs in results.items():
    print(f"{name:24}" + "".join(f"{stat([f.get(k) for f in fs]):>20}" for k in keys))
print(f"\n{'lead of true alerts (h)':24}" + "".join(f"{k:>20}" for k in ("p25", "median", "p75")))
for name, fs in results.items():
    print(f"{name:24}" + "".join(f"{stat([f.get('lead_' + k + '_h') for f in fs]):>20}"
                                 for k in ("p25", "median", "p75")))
for measure, label in (("pr_auc", "PR-AUC"), ("precision", "precision"), ("recall", "recall at lead")):
    print(f"\n{label + ' per failure mode':24}" + "".join(f"{m:>20}" for m in modes))
    for name, fs in results.items():
        print(f"{name:24}" + "".join(f"{stat([f.get(measure + '/' + m) for f in fs]):>20}" for m in modes))
ours = mean([f["pr_auc"] for f in results["lstm+attention"]])
print("\nratio of mean PR-AUC, lstm+attention / other:")
for name, fs in results.items():
    if name != "lstm+attention":
        other = mean([f["pr_auc"] for f in fs])
        print(f"  vs {name:22} {ours / other:.3f}" + ("   (the baseline wins)" if other > ours else ""))

print("\npolicy replay on the test period (predictive acts on lstm+attention's alerts):")
by_policy = {}
for p in policies:
    for r in p["policies"]:
        by_policy.setdefault(r["policy"], []).append(r)
for name, rs in by_policy.items():
    print(f"  {name:16} downtime {stat([r['downtime_hours'] for r in rs]):>18} h   cost "
          f"{stat([r['total_cost'] / 1000 for r in rs]):>22} k   failures {stat([r['failures'] for r in rs])}")
for key, label in [("downtime_vs_reactive", "downtime vs reactive"), ("cost_vs_reactive", "cost vs reactive"),
                   ("downtime_vs_fixed_schedule", "downtime vs fixed schedule"),
                   ("cost_vs_fixed_schedule", "cost vs fixed schedule")]:
    print(f"  predictive reduction, {label:28} {stat([p['predictive_reduction'].get(key) for p in policies])}")
print("  the reference article (a car plant): 45 % less unplanned downtime, 28 % lower maintenance cost")
