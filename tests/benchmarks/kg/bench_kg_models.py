#!/usr/bin/env python3
"""The NER + RE model against the dictionary + co-occurrence baseline (issue 25).

For each data seed / training seed pair, through the path a user takes:
`seekbench-cli project init`, `kg generate` (an ontology and a clinical corpus made from it,
core/kg) and `kg train --config resources/configs/kg.yaml`. The run's evaluation
(eval/kg_evaluation.json) puts the model and the baseline side by side on the same test
documents, whose mentions use synonyms and misspellings no training document has:
entity F1 (strict and lenient span), linking accuracy, the recall of mentions written with a
held-out form, relation F1 per type, the precision and recall of the graph built from the
test documents against the generating ontology, and the rare-disease ranking (top-1 and
top-10 on generated patients) on the graphs built from every document, against the ranking
on the ontology itself (the ceiling).

Prints the mean and standard deviation over the seeds of each figure for both extractors,
the model's figure over the baseline's, the wall time of generate and train, and the
processor. --from DIR re-prints the figures of projects a run with --keep DIR made.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
ap = argparse.ArgumentParser()
ap.add_argument("--cli", required=True)
ap.add_argument("--config", default=os.path.join(root, "resources", "configs", "kg.yaml"))
ap.add_argument("--seeds", default="11:42,12:43,13:44", help="data:training seed pairs, comma separated")
ap.add_argument("--documents", type=int, default=1200)
ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                help="replace a config line 'KEY: ...' (e.g. max_steps=800)")
ap.add_argument("--keep", metavar="DIR", help="create the projects under DIR and keep them")
ap.add_argument("--from", dest="source", metavar="DIR",
                help="print the figures of projects a run with --keep DIR made, without training again")
ap.add_argument("--reevaluate", action="store_true",
                help="with --from: evaluate each kept run again first (kg evaluate), e.g. after a linking change")
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


def evaluation_of(project):
    runs = os.path.join(project, "runs")
    for rid in sorted(os.listdir(runs)):
        if a.source and a.reevaluate and os.path.exists(os.path.join(runs, rid, "eval", "kg_outputs.json")):
            run(["kg", "evaluate", "--project", project, "--run", rid])
        f = os.path.join(runs, rid, "eval", "kg_evaluation.json")
        if os.path.exists(f):
            return json.load(open(f))
    sys.exit(f"no kg_evaluation.json under {runs}")


def one(seed_pair, base):
    data_seed, train_seed = seed_pair.split(":")
    project = os.path.join(base, f"kg-{data_seed}-{train_seed}")
    timing = {}
    if not a.source:
        run(["project", "init", project])
        _, timing["generate_s"] = run(["kg", "generate", "--project", project, "--name", "clinical", "--seed",
                                       data_seed, "--documents", str(a.documents)])
        text = open(a.config).read()
        text = re.sub(r"(\n  seed:) \d+", r"\1 " + train_seed, text)
        for kv in a.set:
            k, v = kv.split("=", 1)
            text = re.sub(rf"(\n  {re.escape(k)}:) [^\n]*", rf"\g<1> {v}", text)
        cfg = os.path.join(project, "kg.yaml")
        open(cfg, "w").write(text)
        r, timing["train_s"] = run(["kg", "train", "--project", project, "--config", cfg])
        open(os.path.join(project, "train.log"), "w").write(r.stderr)
    return evaluation_of(project), timing


FIGURES = [
    ("entity F1 strict", lambda e: e["entities_strict"]["f1"]),
    ("entity F1 lenient", lambda e: e["entities_lenient"]["f1"]),
    ("linking accuracy", lambda e: e["linking_accuracy"]),
    ("linking end to end", lambda e: e["linking_end_to_end"]),
    ("unseen-form recall", lambda e: e["unseen_forms"]["found"] / max(1, e["unseen_forms"]["mentions"])),
    ("unseen-form linked", lambda e: e["unseen_forms"]["linked"] / max(1, e["unseen_forms"]["mentions"])),
    ("shared-form mentions linked", lambda e: e["shared_forms"]["linked"] / max(1, e["shared_forms"]["found"])),
    ("relation F1", lambda e: e["relations"]["f1"]),
] + [(f"relation F1 {t}", (lambda t: lambda e: e["relations_by_type"][t]["extraction"]["f1"])(t))
     for t in ["HAS_SYMPTOM", "CAUSED_BY", "TREATS", "CONTRAINDICATED_FOR", "DIAGNOSED_BY"]] + [
    ("graph precision (test docs)", lambda e: e["test_graph"]["stated"]["precision"]),
    ("graph recall (test docs)", lambda e: e["test_graph"]["stated"]["recall"]),
    ("rare top-1", lambda e: e["ranking"]["rare_top1"]),
    ("rare top-10", lambda e: e["ranking"]["rare_top10"]),
    ("all top-1", lambda e: e["ranking"]["top1"]),
    ("all top-10", lambda e: e["ranking"]["top10"]),
]


def stat(xs):
    return (statistics.mean(xs), statistics.stdev(xs) if len(xs) > 1 else 0.0)


def main():
    base = a.source or a.keep or tempfile.mkdtemp(prefix="bench-kg-")
    os.makedirs(base, exist_ok=True)
    results = []
    for pair in a.seeds.split(","):
        results.append(one(pair, base))
        print(f"seed pair {pair} done", file=sys.stderr, flush=True)
    print(f"processor: {processor()}; seeds {a.seeds}; {a.documents} documents; projects in {base}")
    print(f"{'figure':30s} {'model':>15s} {'dictionary':>15s} {'model / dict':>12s}")
    for name, get in FIGURES:
        try:
            m = [get(ev["extractors"][0]) for ev, _ in results]
            d = [get(ev["extractors"][1]) for ev, _ in results]
        except (KeyError, ZeroDivisionError):
            continue
        (mm, ms), (dm, ds) = stat(m), stat(d)
        ratio = f"{mm / dm:.2f}" if dm > 0 else "-"
        print(f"{name:30s} {mm:8.3f} ± {ms:.3f} {dm:8.3f} ± {ds:.3f} {ratio:>12s}")
    ceil = [ev["ceiling"] for ev, _ in results if "ceiling" in ev]
    if ceil:
        for k in ["rare_top1", "rare_top10", "top1", "top10"]:
            mm, ms = stat([c[k] for c in ceil])
            print(f"ceiling (ontology) {k:11s} {mm:8.3f} ± {ms:.3f}")
    times = [t for _, t in results if t]
    if times:
        for k in ["generate_s", "train_s"]:
            print(f"{k}: " + ", ".join(f"{t[k]:.1f}" for t in times))


main()
