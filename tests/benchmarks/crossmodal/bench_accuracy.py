#!/usr/bin/env python3
"""Held-out accuracy of the cross-modal model in the 15-minute budget (issues 7 and 19).

Trains results/crossmodal.yaml (the cross-modal model, classified by scoring each image
against the ten class templates) and results/crossmodal_vit.yaml (the image-only ViT with
the same patch encoder) through `seekbench-cli train --project`, the path a user takes,
one after the other. Each run evaluates on its validation split (5,000 training images
held out, eval/*); train scores the test split once at the end, on the kept-best or final
checkpoint (test/*, in the "end" event). Prints each run's steps, wall clock, CPU time,
validation accuracy (the best eval/accuracy, or the final one when the config evaluates
only at the end) and test accuracy, the ratios of the two models' accuracies, and the
dataset README's conv baselines. The time is the train command's: the test scoring is
inside it. Pass --scale 0.05 for a quick smoke run (5% of the steps; accuracies then mean
little).

--seeds 42,43,44 trains both models once per training seed (initialisation, batch order
and negatives; the validation split's seed, data.seed, stays fixed), alternating the two
models so that a stopped run still leaves pairs, and prints each seed's figures, the mean
and sample standard deviation per model and the ratio of the means. One test split of
10,000 images resolves about 0.3 points; the seeds show how much of a gap is the run.
"""
import argparse, json, os, re, resource, shutil, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--cli", required=True)
ap.add_argument("--scale", type=float, default=1.0, help="fraction of max_steps to run")
ap.add_argument("--budget-s", type=float, default=900.0)
ap.add_argument("--keep", metavar="DIR", help="create the project in DIR and keep it (for inspect sanity, bench_inspector)")
ap.add_argument("--seeds", default="", help="comma-separated training seeds (default: the configs' own)")
a = ap.parse_args()
seeds = [int(x) for x in a.seeds.split(",") if x.strip()]

def scaled_config(src, dst, seed=None):
    text = open(src).read()
    if seed is not None:
        text, n = re.subn(r"(\ntraining:\n(?:  .*\n)*?  seed: )\d+", rf"\g<1>{seed}", text)
        if n != 1:
            sys.exit(f"{src}: no training.seed to set")
    if a.scale != 1.0:
        steps = int(re.search(r"max_steps: (\d+)", text).group(1))
        n = max(20, int(steps * a.scale))
        text = re.sub(r"max_steps: \d+", f"max_steps: {n}", text)
        text = re.sub(r"warmup_steps: \d+", f"warmup_steps: {max(1, n // 20)}", text)
        text = re.sub(r"checkpoint_every: \d+", "checkpoint_every: 0", text)
    open(dst, "w").write(text)

def train(project, name, seed=None):
    run_name = name if seed is None else f"{name}-seed{seed}"
    cfg = os.path.join(project, run_name + ".yaml")
    scaled_config(os.path.join(here, "results", name + ".yaml"), cfg, seed)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    r = subprocess.run([a.cli, "train", "--config", cfg, "--project", project, "--name", run_name],
                       capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"{name}: seekbench-cli exited {r.returncode}:\n{r.stderr[-2000:]}")
    events = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
    end = [e for e in events if e.get("event") == "end"][-1]
    if any(k.startswith("test/") for e in events if e.get("event") == "eval" for k in e):
        sys.exit(f"{name}: an eval event carries test figures")
    if "test/accuracy" not in end["final"]:
        sys.exit(f"{name}: the end event has no test/accuracy:\n{json.dumps(end)}")
    validation = end.get("best", {}).get("eval/accuracy", end["final"]["eval/accuracy"])
    return {"seed": seed, "steps": end["step"], "wall_s": wall, "cpu_s": after.ru_utime - before.ru_utime,
            "validation_accuracy": validation, "test_accuracy": end["final"]["test/accuracy"],
            "test": end.get("test", {}), "final": end["final"], "best": end.get("best", {})}

# The project stays where it is when anything fails: half an hour of training must not
# vanish with a temporary folder.
d = tempfile.mkdtemp(prefix="bench-accuracy-")
project = os.path.abspath(a.keep) if a.keep else os.path.join(d, "proj")
subprocess.run([a.cli, "project", "init", project], check=True, capture_output=True)
pairs = []
try:
    for seed in seeds or [None]:
        pairs.append((train(project, "crossmodal", seed), train(project, "crossmodal_vit", seed)))
        if seeds:
            print(f"seed {seed} done: cross-modal test {pairs[-1][0]['test_accuracy']:.4f}, "
                  f"ViT test {pairs[-1][1]['test_accuracy']:.4f}", flush=True)
except BaseException:
    print(f"the project is kept at {project}", file=sys.stderr)
    raise
if not a.keep:
    shutil.rmtree(d)

def describe(name, r):
    extra = ""
    if "test/match_accuracy" in r["final"]:
        extra = f", test match accuracy {r['final']['test/match_accuracy']:.4f}, gate on image {r['final']['test/gate_image']:.3f}"
    if "test/image_head_accuracy" in r["final"]:
        extra += f", auxiliary image head alone {r['final']['test/image_head_accuracy']:.4f}"
    within = "within" if r["wall_s"] <= a.budget_s else "OVER"
    seed = "" if r["seed"] is None else f" seed {r['seed']}"
    print(f"{name}{seed}: {r['steps']} steps, {r['wall_s']:.0f} s wall ({within} the {a.budget_s:.0f} s budget), "
          f"{r['cpu_s']:.0f} s CPU, validation accuracy {r['validation_accuracy']:.4f}, "
          f"test accuracy {r['test_accuracy']:.4f} (step {r['test'].get('step', '?')}, "
          f"{r['test'].get('samples', '?')} images){extra}")

def mean_sd(values):
    m = sum(values) / len(values)
    sd = (sum((v - m) ** 2 for v in values) / (len(values) - 1)) ** 0.5 if len(values) > 1 else 0.0
    return m, sd

for cm, vit in pairs:
    describe("cross-modal (10 class templates)", cm)
    describe("image-only ViT", vit)
    print(f"ratio cross-modal / ViT accuracy: validation {cm['validation_accuracy'] / vit['validation_accuracy']:.3f}, "
          f"test {cm['test_accuracy'] / vit['test_accuracy']:.3f}")
summary = {}
if len(pairs) > 1:
    for split in ("validation", "test"):
        cm_m, cm_sd = mean_sd([cm[f"{split}_accuracy"] for cm, _ in pairs])
        vit_m, vit_sd = mean_sd([vit[f"{split}_accuracy"] for _, vit in pairs])
        wins = sum(cm[f"{split}_accuracy"] >= vit[f"{split}_accuracy"] for cm, vit in pairs)
        summary[split] = {"crossmodal_mean": cm_m, "crossmodal_sd": cm_sd, "vit_mean": vit_m,
                          "vit_sd": vit_sd, "ratio_of_means": cm_m / vit_m, "crossmodal_at_least_vit": wins}
        print(f"{split} over {len(pairs)} seeds: cross-modal {cm_m:.4f} +/- {cm_sd:.4f}, ViT {vit_m:.4f} +/- {vit_sd:.4f}, "
              f"ratio of means {cm_m / vit_m:.3f}; cross-modal >= ViT in {wins} of {len(pairs)} seeds")
print("dataset README baselines (2 Conv + pooling): 0.876-0.916; goal for the cross-modal model: >= 0.90 (test)")
if seeds:
    print(json.dumps({"pairs": [{"crossmodal": cm, "vit": vit} for cm, vit in pairs], "summary": summary}))
else:
    print(json.dumps({"crossmodal": pairs[0][0], "vit": pairs[0][1]}))
