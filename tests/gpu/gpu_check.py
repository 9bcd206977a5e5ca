#!/usr/bin/env python3
"""The checks of scripts/gpu-check (issue 27), run against a built seekbench-cli.

Each check trains or exports through seekbench-cli, as a user would, reads the JSON
events it prints, and compares them with what the README promises of the CUDA path. The
whole report goes to OUT/gpu-check.json; a table goes to stdout. --mode cpu runs the
checks that need no GPU against Debian's LibTorch (what CI builds), so the script itself
is tested before device time is spent.

Checks (names for --only):
  link       seekbench-cli's first shared library is libstdc++ (a pip wheel's libtorch.so
             exports its own copies of some std:: functions; bound to them, the project
             store's std::filesystem::remove_all crashed on the GPU machine)
  train      small config, fp32 / bf16 / fp16 (GPU) or fp32 / bf16 (CPU): the loss falls,
             the run finishes, median step time
  scaler     fp16 with an initial loss scale of 2^40 and a growth interval of 20: the
             first steps overflow, each is skipped and halves the scale, the scale
             doubles after 20 clean steps and backs off again at the next overflow
  resume     the same run twice (is CUDA deterministic here?) and once resumed from its
             step-30 checkpoint: the losses, gradient norms and loss scales of steps
             31-60 must equal the uninterrupted run's bit for bit (fp32, and fp16 with
             its scaler state)
  nccl       one rank through `seekbench-cli launch --nproc 1` with training.backend
             nccl: the group forms, gradients are all-reduced, the device is LOCAL_RANK's;
             LOCAL_RANK past the device count is refused with both numbers named
  memory     during the bf16 run: the system samples' rate, NVML's device memory against
             nvidia-smi's, the caching allocator against nvidia-smi's per-process figure
  estimate   seekbench-cli estimate's bf16 total against the caching allocator's measured
             peak for the small and base configs (goal: within 20%)
  python     the same training step in Python torch on the same device and precision
             (tests/benchmarks/engine/python_vs_cpp.py's mirror of the model): the C++
             trainer's median step time against it
  export     a causal LM trained on the device, exported as safetensors and TorchScript:
             transformers loads the safetensors folder (LlamaForCausalLM, as DeepSeek LLM
             declares) and its logits match the TorchScript module's
"""

import argparse
import copy
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CHECKS = ["link", "train", "scaler", "resume", "nccl", "memory", "estimate", "python", "export"]


class Context:
    def __init__(self, cli, out, mode):
        self.cli = cli
        self.out = out
        self.mode = mode
        self.gpu = mode == "gpu"
        self.device = "cuda" if self.gpu else "cpu"
        # Runs and checkpoints stay out of OUT (the device tool brings back at most 8 files);
        # the logs come back as one archive.
        self.work = os.environ.get("SEEKBENCH_GPU_CHECK_WORK", "/tmp/seekbench-gpu-check")
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        self.logs = os.path.join(self.work, "logs")
        os.makedirs(self.logs)
        self.runs = {}  # name -> events of a finished train run, shared between checks
        # The CPU half checks the same logic on the tiny config, in seconds rather than minutes.
        self.base = "small" if self.gpu else "tiny"

    def env(self, extra=None):
        env = dict(os.environ)
        libs = os.environ.get("SEEKBENCH_GPU_CHECK_LIBS")
        if libs:  # Debian's libraries for seekbench-cli only (scripts/gpu-check)
            env["LD_LIBRARY_PATH"] = libs + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
        env.setdefault("OMP_NUM_THREADS", str(min(4, os.cpu_count() or 1)))
        env.update(extra or {})
        return env

    def config(self, name, base=None, **overrides):
        """Writes base.yaml with dotted overrides (training.precision=...) as NAME.yaml."""
        import yaml
        with open(os.path.join(REPO, "resources", "configs", (base or self.base) + ".yaml")) as f:
            c = yaml.safe_load(f)
        c["name"] = name
        for key, value in overrides.items():
            section, field = key.split("__", 1)
            if value is None:
                c.get(section, {}).pop(field, None)
            else:
                c.setdefault(section, {})[field] = value
        path = os.path.join(self.work, name + ".yaml")
        with open(path, "w") as f:
            yaml.safe_dump(c, f, sort_keys=False)
        return path

    def cli_run(self, name, args, timeout=300, env=None):
        """Runs seekbench-cli ARGS; returns (exit code, JSON events of stdout). Logs kept."""
        started = time.time()
        p = subprocess.run([self.cli] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout, env=self.env(env))
        with open(os.path.join(self.logs, name + ".log"), "w") as f:
            f.write("$ seekbench-cli " + " ".join(args) + f"\n# exit {p.returncode} in {time.time() - started:.1f} s\n")
            f.write(p.stderr)
        events = parse_events(p.stdout)
        with open(os.path.join(self.logs, name + ".jsonl"), "w") as f:
            f.write(p.stdout)
        return p.returncode, events, p.stderr

    def train(self, name, config, extra_args=(), timeout=300, env=None):
        run_dir = os.path.join(self.work, name)
        rc, events, err = self.cli_run(name, ["train", "--config", config, "--out", run_dir] + list(extra_args),
                                       timeout=timeout, env=env)
        return rc, events, err, run_dir


def parse_events(text):
    events = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                events.append(json.loads(line))
            except ValueError:
                pass
    return events


def of(events, kind):
    return [e for e in events if e.get("event") == kind]


def end_status(events):
    ends = of(events, "end")
    return ends[-1].get("status") if ends else None


def median_step_ms(events, skip=10):
    times = [e["step_time_s"] for e in of(events, "step")[skip:] if "step_time_s" in e]
    return 1e3 * statistics.median(times) if times else None


def loss_falls(events):
    losses = [e["loss"] for e in of(events, "step") if not e.get("overflow_skipped")]
    if len(losses) < 20:
        return False, None, None
    first, last = statistics.mean(losses[:10]), statistics.mean(losses[-10:])
    return last < 0.8 * first, first, last


def find_run_id(text, name):
    """The id of the run called NAME in `project runs --json` output, whatever its nesting."""
    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == name:
                for key in ("id", "run_id", "run"):
                    if isinstance(node.get(key), str):
                        return node[key]
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                found = walk(item)
                if found:
                    return found
        return None
    for doc in [text] + text.splitlines():
        try:
            found = walk(json.loads(doc))
        except ValueError:
            continue
        if found:
            return found
    return None


def tail_text(text, n=600):
    return text[-n:] if text else ""


# ---------------------------------------------------------------------------- checks

def check_link(ctx):
    try:
        out = subprocess.run(["readelf", "-d", ctx.cli], stdout=subprocess.PIPE, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        return None, f"readelf is not available: {e}"
    needed = [line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line]
    return bool(needed) and needed[0].startswith("libstdc++.so"), {"needed": needed[:6]}


def check_train(ctx):
    precisions = ["fp32", "bf16", "fp16"] if ctx.gpu else ["fp32", "bf16"]
    if os.environ.get("SEEKBENCH_GPU_CHECK_PRECISIONS"):  # a rerun of some
        precisions = os.environ["SEEKBENCH_GPU_CHECK_PRECISIONS"].split(",")
    steps = 300 if ctx.gpu else 60
    rows = {}
    ok = True
    for p in precisions:
        cfg = ctx.config(f"train-{p}", training__device=ctx.device, training__precision=p, training__max_steps=steps,
                         training__eval_every=100, training__checkpoint_every=0, training__log_every=1,
                         training__system_sample_hz=10.0)
        poller = NvidiaSmiPoller() if ctx.gpu and p == "bf16" else None
        if poller:
            poller.start()
        rc, events, err, _ = ctx.train(f"train-{p}", cfg)
        if poller:
            poller.stop()
            ctx.smi = poller.samples
        ctx.runs[f"train-{p}"] = events
        falls, first, last = loss_falls(events)
        start = (of(events, "start") or [{}])[0]
        evals = of(events, "eval")
        row = {"exit": rc, "status": end_status(events), "loss_first10": first, "loss_last10": last,
               "loss_falls": falls, "median_step_ms": median_step_ms(events),
               "eval": evals[-1] if evals else None,
               "precision": start.get("precision"), "device": start.get("device"),
               "overflow_steps": sum(1 for e in of(events, "step") if e.get("overflow_skipped"))}
        if rc != 0:
            row["stderr"] = tail_text(err)
        rows[p] = row
        ok = ok and rc == 0 and falls and row["status"] == "finished"
    return ok, rows


def check_scaler(ctx):
    if not ctx.gpu:
        return None, "fp16 needs a CUDA device (the scaler's arithmetic is tested on CPU tensors in test_trainer)"
    init, interval = 2.0 ** 40, 20
    cfg = ctx.config("scaler", training__device="cuda", training__precision="fp16", training__max_steps=150,
                     training__eval_every=0, training__checkpoint_every=0, training__log_every=1,
                     training__loss_scale_init=init, training__loss_scale_growth_interval=interval)
    rc, events, err, _ = ctx.train("scaler", cfg)
    steps = of(events, "step")
    problems = []
    scale, clean = init, 0
    overflows, growths = [], []
    for e in steps:
        s = e.get("loss_scale")
        if s is None:
            problems.append(f"step {e.get('step')} has no loss_scale")
            break
        if e.get("overflow_skipped"):
            overflows.append(e["step"])
            if s != scale / 2:
                problems.append(f"step {e['step']} overflowed but the scale went {scale} -> {s}, not halved")
            clean = 0
        else:
            clean += 1
            expected = scale * 2 if clean == interval else scale
            if clean == interval:
                growths.append(e["step"])
                clean = 0
            if s != expected:
                problems.append(f"step {e['step']}: scale {scale} -> {s}, expected {expected}")
        scale = s
    late = [s for s in overflows if s > 40]
    falls, first, last = loss_falls(events)
    ok = rc == 0 and not problems and len(overflows) >= 2 and bool(growths) and falls
    return ok, {"exit": rc, "status": end_status(events), "overflow_steps": overflows, "growth_steps": growths,
                "overflows_after_step_40": late, "final_scale": scale, "loss_falls": falls,
                "loss_first10": first, "loss_last10": last, "problems": problems[:10],
                "stderr": tail_text(err) if rc else ""}


def compare_steps(a, b, first_step):
    keys = ["loss", "grad_norm", "loss_scale"]
    sa = {e["step"]: e for e in of(a, "step") if e["step"] >= first_step}
    sb = {e["step"]: e for e in of(b, "step") if e["step"] >= first_step}
    if not sa or set(sa) != set(sb):
        return False, f"steps differ: {sorted(sa)[:3]}... against {sorted(sb)[:3]}..."
    for step in sorted(sa):
        for k in keys:
            if sa[step].get(k) != sb[step].get(k):
                return False, f"step {step}: {k} {sa[step].get(k)!r} against {sb[step].get(k)!r}"
    return True, f"{len(sa)} steps equal in {', '.join(k for k in keys if k in sa[min(sa)])}"


def check_resume(ctx):
    precisions = ["fp32", "fp16"] if ctx.gpu else ["fp32"]
    rows, ok = {}, True
    for p in precisions:
        cfg = ctx.config(f"resume-{p}", training__device=ctx.device, training__precision=p, training__max_steps=60,
                         training__eval_every=30, training__checkpoint_every=30, training__keep_last=3,
                         training__log_every=1, training__warmup_steps=5)
        rc_a, a, err_a, dir_a = ctx.train(f"resume-{p}-a", cfg)
        rc_b, b, err_b, _ = ctx.train(f"resume-{p}-again", cfg)
        ckpt = os.path.join(dir_a, "checkpoints", "step-00000030.sbckpt")
        rc_r, r, err_r, _ = ctx.train(f"resume-{p}-resumed", cfg, ["--resume", ckpt])
        same_twice, why_twice = compare_steps(a, b, 1)
        resumed_same, why_resumed = compare_steps(a, r, 31)
        resumed_at = [e.get("step") for e in of(r, "resumed")]
        row = {"exits": [rc_a, rc_b, rc_r], "deterministic_twice": same_twice, "twice": why_twice,
               "resumed_bit_identical": resumed_same, "resumed": why_resumed, "resumed_event_steps": resumed_at}
        for rc, err, what in ((rc_a, err_a, "a"), (rc_b, err_b, "again"), (rc_r, err_r, "resumed")):
            if rc:
                row["stderr_" + what] = tail_text(err)
        rows[p] = row
        ok = ok and rc_a == rc_r == 0 and resumed_same
    return ok, rows


def check_nccl(ctx):
    # On CPU the same one-rank path runs with Gloo (NCCL needs a CUDA LibTorch and a GPU).
    backend = "nccl" if ctx.gpu else "gloo"
    cfg = ctx.config("nccl", training__device=ctx.device, training__backend=backend,
                     training__precision="bf16" if ctx.gpu else "fp32",
                     training__max_steps=40, training__eval_every=0, training__checkpoint_every=0,
                     training__log_every=1)
    run_dir = os.path.join(ctx.work, "nccl")
    rc, _, err = ctx.cli_run("nccl-launch", ["launch", "--nproc", "1", "--", "train", "--config", cfg, "--out",
                                             run_dir], timeout=240)
    # A launched rank's events and metrics go to the run folder's metrics.jsonl.
    events, comm = [], []
    metrics = os.path.join(run_dir, "metrics.jsonl")
    if os.path.exists(metrics):
        with open(metrics) as f:
            text = f.read()
        events = parse_events(text)
        comm = [line for line in text.splitlines() if '"train/comm_time_s"' in line]
    start = (of(events, "start") or [{}])[0]
    falls = loss_falls(events)[0]
    refused, bad_err = None, ""
    if ctx.gpu:
        refused, bad_err = refuses_bad_local_rank(ctx, cfg)
    started = start.get("backend")
    ok = rc == 0 and end_status(events) == "finished" and started == backend and bool(comm) and falls and \
        refused is not False
    return ok, {"exit": rc, "status": end_status(events), "backend": started, "device": start.get("device"),
                "all_reduce_steps_recorded": len(comm), "loss_falls": falls, "bad_local_rank_refused": refused,
                "bad_local_rank_message": tail_text(bad_err, 300), "stderr": tail_text(err) if rc else ""}


def refuses_bad_local_rank(ctx, cfg):
    """LOCAL_RANK 1 on a machine with one GPU: refused, naming both numbers."""
    bad_rc, _, bad_err = ctx.cli_run("nccl-bad-local-rank", ["train", "--config", cfg, "--out",
                                                             os.path.join(ctx.work, "nccl-bad")], timeout=120,
                                     env={"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2",
                                          "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": "29531"})
    return bad_rc != 0 and "LOCAL_RANK 1 has no GPU" in bad_err, bad_err


class NvidiaSmiPoller:
    """nvidia-smi's device and per-process memory, sampled every 0.25 s on a thread."""

    def __init__(self):
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()

    def _loop(self):
        while not self._stop.is_set():
            t0 = time.time()
            try:
                dev = subprocess.run(["nvidia-smi", "--query-gpu=memory.used,memory.total",
                                      "--format=csv,noheader,nounits"], stdout=subprocess.PIPE, text=True,
                                     timeout=5).stdout.strip().splitlines()[0]
                apps = subprocess.run(["nvidia-smi", "--query-compute-apps=pid,used_memory",
                                       "--format=csv,noheader,nounits"], stdout=subprocess.PIPE, text=True,
                                      timeout=5).stdout.strip().splitlines()
                used, total = [float(x) for x in dev.split(",")]
                procs = {}
                for line in apps:
                    parts = [x.strip() for x in line.split(",")]
                    if len(parts) == 2 and parts[1].replace(".", "").isdigit():
                        procs[parts[0]] = float(parts[1])
                self.samples.append({"time": (t0 + time.time()) / 2, "used_mib": used, "total_mib": total,
                                     "processes_mib": procs})
            except (OSError, subprocess.SubprocessError, ValueError, IndexError):
                pass
            self._stop.wait(0.25)


def check_memory(ctx):
    events = ctx.runs.get("train-bf16")
    if not events:
        return False, "the bf16 train run is missing (run the train check first)"
    system = of(events, "system")
    if len(system) < 2:
        return False, f"{len(system)} system samples"
    span = system[-1]["time"] - system[0]["time"]
    rate = (len(system) - 1) / span if span > 0 else 0.0
    row = {"system_samples": len(system), "sample_rate_hz": rate, "configured_hz": 10.0,
           "gpu_status": system[-1].get("gpu_status")}
    if not ctx.gpu:
        return rate >= 2.0, row
    with_alloc = [s for s in system if "cuda_allocated_bytes" in s and s.get("gpus")]
    row["samples_with_allocator_and_nvml"] = len(with_alloc)
    smi = getattr(ctx, "smi", [])
    row["nvidia_smi_samples"] = len(smi)
    diffs, overheads = [], []
    for s in with_alloc:
        if not smi:
            break
        near = min(smi, key=lambda x: abs(x["time"] - s["time"]))
        if abs(near["time"] - s["time"]) > 0.5:
            continue
        nvml_mib = s["gpus"][0]["used_bytes"] / 2 ** 20
        diffs.append(nvml_mib - near["used_mib"])
        if near["processes_mib"]:
            proc = max(near["processes_mib"].values())
            overheads.append(proc - s["cuda_reserved_bytes"] / 2 ** 20)
    if diffs:
        row["nvml_minus_smi_device_mib"] = {"median": statistics.median(diffs), "max_abs": max(abs(d) for d in diffs),
                                            "pairs": len(diffs)}
    if overheads:
        row["smi_process_minus_allocator_reserved_mib"] = {"median": statistics.median(overheads),
                                                           "min": min(overheads), "max": max(overheads)}
    last = with_alloc[-1] if with_alloc else {}
    row["last_sample"] = {k: last.get(k) for k in ("cuda_allocated_bytes", "cuda_reserved_bytes",
                                                     "cuda_peak_allocated_bytes", "gpus")}
    # The device figures agree when nvidia-smi and NVML read the same device within 64 MiB
    # (the two read moments apart while memory moves).
    ok = rate >= 2.0 and bool(with_alloc) and bool(diffs) and statistics.median([abs(d) for d in diffs]) <= 64
    return ok, row


def check_estimate(ctx):
    if not ctx.gpu:
        return None, "the CPU estimate is checked by the engine's tests (peak tensor bytes)"
    rows, ok = {}, True
    for base, steps in (("small", 30), ("base", 30)):
        cfg = ctx.config(f"estimate-{base}", base=base, training__device="cuda", training__precision="bf16",
                         training__max_steps=steps, training__warmup_steps=5, training__eval_every=0,
                         training__eval_batches=1,
                         training__checkpoint_every=0, training__log_every=1, training__system_sample_hz=20.0)
        rc_e, est, err_e = ctx.cli_run(f"estimate-{base}", ["estimate", "--config", cfg, "--json"], timeout=60)
        rc, events, err, _ = ctx.train(f"estimate-{base}-run", cfg)
        peaks = [s.get("cuda_peak_allocated_bytes", 0) for s in of(events, "system")]
        # The estimate may be the whole document rather than an event line.
        total = None
        for e in est:
            if "memory" in e:
                total = e["memory"]["bf16"]["total_bytes"]
                parts = {k: e["memory"]["bf16"][k] for k in ("weights_bytes", "gradients_bytes", "optimizer_bytes",
                                                             "activations_bytes")}
        peak = max(peaks) if peaks else None
        row = {"exit": [rc_e, rc], "estimate_bytes": total, "measured_peak_allocated_bytes": peak}
        if total and peak:
            row["measured_over_estimate"] = peak / total
            row["estimate_parts"] = parts
            within = abs(peak / total - 1) <= 0.2
            row["within_20_percent"] = within
            ok = ok and within
        else:
            ok = False
            row["stderr"] = tail_text(err_e or err)
        rows[base] = row
    return ok, rows


def python_desc(ctx):
    """The small config's resolved fields, as python_vs_cpp.py's worker reads them."""
    import yaml
    run_dir = os.path.join(ctx.work, "train-fp32")
    with open(os.path.join(run_dir, "config.yaml")) as f:
        c = yaml.safe_load(f)
    d = {}
    for section in ("model", "data", "training"):
        d.update(c.get(section, {}))
    d["num_labels"] = c["model"]["num_labels"]
    for k, v in d.items():  # YAML 1.1 reads 1e-08 (no dot) as a string
        if isinstance(v, str):
            try:
                d[k] = float(v)
            except ValueError:
                pass
    return d


def check_python(ctx):
    sys.path.insert(0, os.path.join(REPO, "tests", "benchmarks", "engine"))
    import python_vs_cpp  # noqa: E402  (the model mirror and its step loop)
    import torch
    precisions = ["fp32", "bf16", "fp16"] if ctx.gpu else ["fp32"]
    try:
        desc = python_desc(ctx)
    except OSError as e:
        return False, f"the fp32 train run's config.yaml is missing: {e}"
    rows, ok = {"python_torch": torch.__version__}, True
    for p in precisions:
        cpp = median_step_ms(ctx.runs.get(f"train-{p}", []))
        steps = 200 if ctx.gpu else 40
        threads = int(ctx.env()["OMP_NUM_THREADS"])
        py = {}
        for variant in ("same", "foreach"):
            res = python_vs_cpp.worker_step(desc, steps, 10, threads, lean=False, device=ctx.device, precision=p,
                                            foreach=variant == "foreach", quiet=True)
            py[variant] = res["median_step_ms"]
        row = {"cpp_trainer_median_step_ms": cpp, "python_median_step_ms": py["same"],
               "python_foreach_adamw_median_step_ms": py["foreach"]}
        if cpp:
            row["cpp_speed_over_python"] = py["same"] / cpp
            row["cpp_speed_over_python_foreach"] = py["foreach"] / cpp
        rows[p] = row
        ok = ok and cpp is not None
    return ok, rows


def check_export(ctx):
    project = os.path.join(ctx.work, "lm-project")
    cfg = ctx.config("lm", model__head="causal_lm", model__num_labels=None,
                     training__device=ctx.device, training__precision="bf16" if ctx.gpu else "fp32",
                     training__max_steps=60 if ctx.gpu else 20, training__eval_every=0,
                     training__checkpoint_every=0, training__warmup_steps=5)
    rc0, _, err0 = ctx.cli_run("lm-project-init", ["project", "init", project, "--name", "gpu-check"])
    rc1, events, err1 = ctx.cli_run("lm-train", ["train", "--config", cfg, "--project", project, "--name", "lm"],
                                    timeout=300)
    rc2, _, err2 = ctx.cli_run("lm-runs", ["project", "runs", project, "--json"])
    with open(os.path.join(ctx.logs, "lm-runs.jsonl")) as f:
        run_id = find_run_id(f.read(), "lm")
    if not run_id:
        return False, {"exits": [rc0, rc1, rc2], "stderr": tail_text(err0 + err1 + err2)}
    out = {}
    for fmt in ("safetensors", "torchscript"):
        rc, _, err = ctx.cli_run(f"lm-export-{fmt}", ["export", "--project", project, "--run", run_id, "--format", fmt,
                                                      "--out", f"exports/{fmt}"])
        out[fmt] = {"exit": rc, "stderr": tail_text(err) if rc else ""}
    st_dir = os.path.join(project, "exports", "safetensors")
    ts_file = os.path.join(project, "exports", "torchscript", "model.pt")
    row = {"run": run_id, "exports": out}
    if any(v["exit"] for v in out.values()):
        return False, row
    import torch
    torch.manual_seed(0)
    with open(os.path.join(st_dir, "config.json")) as f:
        hf_config = json.load(f)
    ids = torch.randint(0, hf_config["vocab_size"], (4, 48))
    module = torch.jit.load(ts_file, map_location="cpu")
    with torch.no_grad():
        ts_logits = module(ids)
    row["architectures"] = hf_config.get("architectures")
    try:
        import transformers
    except ImportError:
        row["transformers"] = "not installed here: the safetensors folder is read by transformers on the GPU machine"
        return (None if not ctx.gpu else False), row
    row["transformers"] = transformers.__version__
    model = transformers.AutoModelForCausalLM.from_pretrained(st_dir).float()
    model.eval()
    with torch.no_grad():
        hf_logits = model(input_ids=ids).logits
    diff = (hf_logits - ts_logits).abs().max().item()
    scale = ts_logits.abs().max().item()
    row.update({"hf_class": type(model).__name__, "max_abs_diff": diff, "max_abs_logit": scale,
                "relative": diff / scale if scale else None})
    # fp32 on both sides, different kernels and summation orders over 4 layers: 1e-4 of the
    # largest logit is ~100x float32's rounding of such a forward and far below any bug.
    return diff <= 1e-4 * max(scale, 1.0), row


FUNCS = {"link": check_link, "train": check_train, "scaler": check_scaler, "resume": check_resume, "nccl": check_nccl,
         "memory": check_memory, "estimate": check_estimate, "python": check_python, "export": check_export}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli")
    ap.add_argument("--out", required=True)
    ap.add_argument("--mode", choices=["gpu", "cpu"], default="gpu")
    ap.add_argument("--only", default="")
    ap.add_argument("--build-seconds", type=float)
    ap.add_argument("--build-failed")
    a = ap.parse_args()
    mode = a.mode
    report = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "mode": mode,
              "build_seconds": a.build_seconds, "checks": {}}
    env_file = os.path.join(a.out, "environment.txt")
    if os.path.exists(env_file):
        with open(env_file) as f:
            report["environment"] = f.read()
    if a.build_failed:
        with open(a.build_failed) as f:
            text = f.read()
        report["build"] = "failed"
        report["build_errors"] = [line for line in text.splitlines() if "error" in line.lower()][:60]
        write_report(a.out, report)
        return 1
    ctx = Context(a.cli, a.out, mode)
    wanted = [c for c in (a.only.split(",") if a.only else CHECKS) if c]
    # The memory and python checks read the train check's runs.
    if any(c in wanted for c in ("memory", "python")) and "train" not in wanted:
        wanted.insert(0, "train")
    failed = 0
    for name in CHECKS:
        if name not in wanted:
            continue
        t0 = time.time()
        try:
            ok, detail = FUNCS[name](ctx)
        except Exception as e:  # a check that breaks is a failed check, with its reason
            ok, detail = False, f"{type(e).__name__}: {e}"
        status = "skipped" if ok is None else ("ok" if ok else "FAILED")
        failed += status == "FAILED"
        report["checks"][name] = {"status": status, "seconds": round(time.time() - t0, 1), "detail": detail}
        print(f"gpu-check: {name:9s} {status:8s} ({time.time() - t0:.1f} s) {short(detail)}", flush=True)
        write_report(a.out, report, ctx)
    print(f"gpu-check: {failed} failed; report in {os.path.join(a.out, 'gpu-check.json')}, logs in logs.tar.gz")
    return 1 if failed else 0


def short(detail):
    text = json.dumps(detail, default=str)
    return text if len(text) < 900 else text[:900] + "..."


def write_report(out, report, ctx=None):
    """The report, and the logs and configs as one archive; after every check, so that a
    run stopped at its time limit still brings back what it did."""
    with open(os.path.join(out, "gpu-check.json"), "w") as f:
        json.dump(report, f, indent=1, default=str)
    if ctx is None:
        return
    import tarfile
    with tarfile.open(os.path.join(out, "logs.tar.gz"), "w:gz") as tar:
        tar.add(ctx.logs, arcname="logs")
        for name in sorted(os.listdir(ctx.work)):
            if name.endswith(".yaml"):
                tar.add(os.path.join(ctx.work, name), arcname="configs/" + name)


if __name__ == "__main__":
    sys.exit(main())
