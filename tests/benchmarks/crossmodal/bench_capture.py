#!/usr/bin/env python3
"""Cost of the attention capture when off (issue 7).

Runs the two builds of bench_capture_steps: --on (capture compiled in, switched off)
and --off (compiled out). Prints the callgrind instruction count of five training steps
for each and their ratio, then the wall-clock ratio over ABAB rounds with its spread.

--check (the perf-smoke test, tests/benchmarks/perf_smoke.h): the instruction counts
only, of --check-steps steps (default 1) of --check-batch images (default 8, so the
capture's per-call flag test weighs more than at the config's 32), and exit 1 unless
on / off <= 1.01. Instruction counts do not depend on the machine's load, so each build
runs once and the two run side by side; most of the ~35 s each is valgrind starting
LibTorch and its libraries, not the steps.
SEEKBENCH_PERF_SMOKE_SLOWDOWN=F makes side A (--on) run F times the steps: F times the
work, as a regression would.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--on", required=True)
ap.add_argument("--off", required=True)
ap.add_argument("--rounds", type=int, default=6)
ap.add_argument("--steps", type=int, default=30)
ap.add_argument("--no-callgrind", action="store_true")
ap.add_argument("--check", action="store_true")
ap.add_argument("--check-steps", type=int, default=1)
ap.add_argument("--check-batch", type=int, default=8)
a = ap.parse_args()
env = dict(os.environ, OMP_NUM_THREADS="1")
LIMIT = 1.01

# Valgrind 3.19 (Debian 12) cannot read split DWARF, which the dev build writes
# (CMakeLists.txt, SEEKBENCH_SPLIT_DWARF): it gives up on the program before it starts. So
# callgrind runs a copy without debug information; the symbol table stays, and counting
# instructions between client requests needs nothing more.
_stripped_dir = tempfile.TemporaryDirectory()
_stripped = {}

def without_debug_info(exe):
    if exe not in _stripped:
        copy = os.path.join(_stripped_dir.name, f"{len(_stripped)}-{os.path.basename(exe)}")
        r = subprocess.run(["objcopy", "--strip-debug", exe, copy], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"objcopy --strip-debug {exe} failed ({r.returncode}):\n{r.stderr[-2000:]}")
        _stripped[exe] = copy
    return _stripped[exe]

def callgrind(exe, out, args):
    """Starts exe under callgrind, counting only between its client requests."""
    return subprocess.Popen(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                             without_debug_info(exe)] + args, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)

def total(proc, out, exe):
    _, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"callgrind on {exe} failed ({proc.returncode}):\n{err[-2000:]}")
    text = open(out).read()
    m = re.search(r"^totals:\s+(\d+)", text, re.M) or re.search(r"^summary:\s+(\d+)", text, re.M)
    return int(m.group(1))

def instructions(exe, steps=5):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        return total(callgrind(exe, out, ["--steps", str(steps)]), out, exe)

def load_average():
    with open("/proc/loadavg") as f:
        return "load average " + ", ".join(f.read().split()[:3])

if a.check:
    raw = os.environ.get("SEEKBENCH_PERF_SMOKE_SLOWDOWN", "") or "1"
    try:
        slowdown = float(raw)
    except ValueError:
        slowdown = 0
    if not 1 <= slowdown <= 1000:
        sys.exit(f"SEEKBENCH_PERF_SMOKE_SLOWDOWN={raw}: expected a number from 1 to 1000")
    steps_on = round(a.check_steps * slowdown)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as d:
        batch = ["--batch", str(a.check_batch)]
        on_out, off_out = os.path.join(d, "on.out"), os.path.join(d, "off.out")
        on = callgrind(a.on, on_out, ["--steps", str(steps_on)] + batch)
        off = callgrind(a.off, off_out, ["--steps", str(a.check_steps)] + batch)
        ion, ioff = total(on, on_out, a.on), total(off, off_out, a.off)
    ratio = ion / ioff
    ok = ratio <= LIMIT
    print(f"perf-smoke capture_off_cost: callgrind instructions of {a.check_steps} training steps of "
          f"{a.check_batch} images: capture compiled in, off {ion:,} ({steps_on} steps), compiled out {ioff:,}")
    print(f"perf-smoke capture_off_cost: on / off {ratio:.6f} (threshold <= {LIMIT}; slowdown of A {slowdown:.2f}x; "
          f"{time.monotonic() - t0:.1f} s; {load_average()}): {'PASS' if ok else 'FAIL'}")
    sys.exit(0 if ok else 1)

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
if not a.no_callgrind and not (result["callgrind_ratio"] <= LIMIT):
    sys.exit("capture compiled in but off costs more than 1% of the instructions")
