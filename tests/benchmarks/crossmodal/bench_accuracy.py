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
"""
import argparse, json, os, re, resource, shutil, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--cli", required=True)
ap.add_argument("--scale", type=float, default=1.0, help="fraction of max_steps to run")
ap.add_argument("--budget-s", type=float, default=900.0)
ap.add_argument("--keep", metavar="DIR", help="create the project in DIR and keep it (for inspect sanity, bench_inspector)")
a = ap.parse_args()

def scaled_config(src, dst):
    text = open(src).read()
    if a.scale != 1.0:
        steps = int(re.search(r"max_steps: (\d+)", text).group(1))
        n = max(20, int(steps * a.scale))
        text = re.sub(r"max_steps: \d+", f"max_steps: {n}", text)
        text = re.sub(r"warmup_steps: \d+", f"warmup_steps: {max(1, n // 20)}", text)
        text = re.sub(r"checkpoint_every: \d+", "checkpoint_every: 0", text)
    open(dst, "w").write(text)

def train(project, name):
    cfg = os.path.join(project, name + ".yaml")
    scaled_config(os.path.join(here, "results", name + ".yaml"), cfg)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    r = subprocess.run([a.cli, "train", "--config", cfg, "--project", project, "--name", name],
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
    return {"steps": end["step"], "wall_s": wall, "cpu_s": after.ru_utime - before.ru_utime,
            "validation_accuracy": validation, "test_accuracy": end["final"]["test/accuracy"],
            "test": end.get("test", {}), "final": end["final"], "best": end.get("best", {})}

# The project stays where it is when anything fails: half an hour of training must not
# vanish with a temporary folder.
d = tempfile.mkdtemp(prefix="bench-accuracy-")
project = os.path.abspath(a.keep) if a.keep else os.path.join(d, "proj")
subprocess.run([a.cli, "project", "init", project], check=True, capture_output=True)
try:
    cm = train(project, "crossmodal")
    vit = train(project, "crossmodal_vit")
except BaseException:
    print(f"the project is kept at {project}", file=sys.stderr)
    raise
if not a.keep:
    shutil.rmtree(d)

for name, r in (("cross-modal (10 class templates)", cm), ("image-only ViT", vit)):
    extra = ""
    if "test/match_accuracy" in r["final"]:
        extra = f", test match accuracy {r['final']['test/match_accuracy']:.4f}, gate on image {r['final']['test/gate_image']:.3f}"
    if "test/image_head_accuracy" in r["final"]:
        extra += f", auxiliary image head alone {r['final']['test/image_head_accuracy']:.4f}"
    within = "within" if r["wall_s"] <= a.budget_s else "OVER"
    print(f"{name}: {r['steps']} steps, {r['wall_s']:.0f} s wall ({within} the {a.budget_s:.0f} s budget), "
          f"{r['cpu_s']:.0f} s CPU, validation accuracy {r['validation_accuracy']:.4f}, "
          f"test accuracy {r['test_accuracy']:.4f} (step {r['test'].get('step', '?')}, "
          f"{r['test'].get('samples', '?')} images){extra}")
print(f"ratio cross-modal / ViT accuracy: validation {cm['validation_accuracy'] / vit['validation_accuracy']:.3f}, "
      f"test {cm['test_accuracy'] / vit['test_accuracy']:.3f}")
print("dataset README baselines (2 Conv + pooling): 0.876-0.916; goal for the cross-modal model: >= 0.90 (test)")
print(json.dumps({"crossmodal": cm, "vit": vit}))
