#!/usr/bin/env python3
"""Cost of the attention capture when off (issue 7).

Runs the two builds of bench_capture_steps: --on (capture compiled in, switched off)
and --off (compiled out). Prints the callgrind instruction count of five training steps
for each and their ratio, then the wall-clock ratio over ABAB rounds with its spread.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--on", required=True)
ap.add_argument("--off", required=True)
ap.add_argument("--rounds", type=int, default=6)
ap.add_argument("--steps", type=int, default=30)
ap.add_argument("--no-callgrind", action="store_true")
a = ap.parse_args()
env = dict(os.environ, OMP_NUM_THREADS="1")

def instructions(exe):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                        exe, "--steps", "5"], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = open(out).read()
        m = re.search(r"^totals:\s+(\d+)", text, re.M) or re.search(r"^summary:\s+(\d+)", text, re.M)
        return int(m.group(1))

def wall(exe):
    r = subprocess.run([exe, "--steps", str(a.steps)], check=True, env=env, capture_output=True, text=True)
    return json.loads(r.stdout)["seconds"] / a.steps

result = {}
if not a.no_callgrind:
    ion, ioff = instructions(a.on), instructions(a.off)
    result["callgrind_instructions_on"] = ion
    result["callgrind_instructions_off"] = ioff
    result["callgrind_ratio"] = ion / ioff
    print(f"callgrind, 5 steps: capture compiled in (off) {ion:,} instructions, compiled out {ioff:,}; ratio {ion/ioff:.5f}")
ratios = []
for r in range(a.rounds):
    on1, off1, on2, off2 = wall(a.on), wall(a.off), wall(a.on), wall(a.off)  # A B A B
    ratios.append(((on1 + on2) / 2) / ((off1 + off2) / 2))
    print(f"round {r}: on {on1*1e3:.2f}/{on2*1e3:.2f} ms/step, off {off1*1e3:.2f}/{off2*1e3:.2f} ms/step, ratio {ratios[-1]:.4f}")
result["wall_ratio_median"] = statistics.median(ratios)
result["wall_ratio_min"] = min(ratios)
result["wall_ratio_max"] = max(ratios)
print(f"wall clock ABAB, {a.rounds} rounds of {a.steps} steps: ratio median {result['wall_ratio_median']:.4f} "
      f"(min {result['wall_ratio_min']:.4f}, max {result['wall_ratio_max']:.4f})")
print(json.dumps(result))
if not a.no_callgrind and not (result["callgrind_ratio"] <= 1.01):
    sys.exit("capture compiled in but off costs more than 1% of the instructions")
