#!/usr/bin/python3
"""LibTorch against Debian's PyTorch (the same 1.13) on the same training step.

Run with Debian's interpreter, which has python3-torch (a pyenv python3 first on PATH
has no torch):

    /usr/bin/python3 tests/benchmarks/engine/python_vs_cpp.py \
        --cpp build/dev/tests/benchmarks/engine/bench_engine_step

The C++ side is bench_engine_step --step: engine::DeepSeekModel, engine::BatchStream and
engine::taskLoss under a bare loop with the trainer's AdamW groups, clipping and
warmup+cosine schedule. The Python side (this file, --worker) is a hand-written block
that mirrors core/engine/src/model.cpp operation by operation: RMSNorm in fp32, rotary
tables built in fp64, grouped-query attention by repeat_interleave, a causal mask built
each forward, softmax in fp32, SwiGLU, mean pooling and a Linear score head with bias;
cross-entropy plus the argmax count taskLoss computes; AdamW (single-tensor, as the C++
one) with decay on >= 2-d parameters only; clip_grad_norm_; one loss read-back per step.
The C++ step is the trainer's, gradients released before backward (GradientBuffers)
instead of zeroed; the Python step is what PyTorch 1.13 users write (zero_grad(), which
zeroes): the lean rounds below compare both with gradients set to none.
Both sides use the same threads and set the same malloc thresholds (mallopt
M_MMAP_THRESHOLD 32 MiB and M_TRIM_THRESHOLD 1 GiB; SEEKBENCH_MALLOC_TUNING=0 turns both
off). Every measurement is a fresh process; C++ and Python alternate (ABAB).

Prints ms/step for each, the per-pair ratio C++ speed / Python speed (= Python ms / C++
ms; target >= 0.97), and GEMM efficiency: model matmul FLOP/s (seekbench::
trainingStepFlops over the measured step) / peak fp32 FLOP/s of a 2048x2048 torch::mm
measured in the same run.

Then, reported apart from the parity figure, the same step doing less work on both sides
(C++ bench_engine_step --step-lean, Python with the same changes): gradients set to none
instead of zeroed, cross-entropy alone (no accuracy count, no zero auxiliary loss), and
multi-tensor (_foreach) AdamW.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time


def set_malloc_thresholds():
    if os.environ.get("SEEKBENCH_MALLOC_TUNING") == "0":
        return False
    import ctypes
    libc = ctypes.CDLL("libc.so.6")
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # <malloc.h>
    libc.mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024)
    libc.mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024)
    return True


# ----------------------------------------------------------------------------- worker

def build_worker_classes():
    import torch
    from torch import nn
    import torch.nn.functional as F

    class RMSNorm(nn.Module):
        def __init__(self, dim, eps):
            super().__init__()
            self.weight = nn.Parameter(torch.ones(dim))
            self.eps = eps

        def forward(self, x):
            xf = x.to(torch.float)
            inv = torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)
            return self.weight * (xf * inv)

    class SwiGluMlp(nn.Module):
        def __init__(self, hidden, inner):
            super().__init__()
            self.gate_proj = nn.Linear(hidden, inner, bias=False)
            self.up_proj = nn.Linear(hidden, inner, bias=False)
            self.down_proj = nn.Linear(inner, hidden, bias=False)

        def forward(self, x):
            return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))

    def rotate_half(x):
        half = x.size(-1) // 2
        return torch.cat([-x[..., half:], x[..., :half]], -1)

    class Attention(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.heads = c["num_attention_heads"]
            self.kv_heads = c["num_key_value_heads"]
            self.head_dim = c["hidden_size"] // self.heads
            self.causal = c["causal"]
            h, bias = c["hidden_size"], c["attention_bias"]
            self.q_proj = nn.Linear(h, self.heads * self.head_dim, bias=bias)
            self.k_proj = nn.Linear(h, self.kv_heads * self.head_dim, bias=bias)
            self.v_proj = nn.Linear(h, self.kv_heads * self.head_dim, bias=bias)
            self.o_proj = nn.Linear(self.heads * self.head_dim, h, bias=bias)

        def forward(self, x, cos, sin):
            B, T = x.size(0), x.size(1)
            q = self.q_proj(x).view(B, T, self.heads, self.head_dim).transpose(1, 2)
            k = self.k_proj(x).view(B, T, self.kv_heads, self.head_dim).transpose(1, 2)
            v = self.v_proj(x).view(B, T, self.kv_heads, self.head_dim).transpose(1, 2)
            c = cos[0:T].to(q.dtype)
            s = sin[0:T].to(q.dtype)
            q = q * c + rotate_half(q) * s
            k = k * c + rotate_half(k) * s
            if self.kv_heads != self.heads:
                k = k.repeat_interleave(self.heads // self.kv_heads, 1)
                v = v.repeat_interleave(self.heads // self.kv_heads, 1)
            scores = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))
            if self.causal:
                mask = torch.ones((T, T), dtype=torch.bool, device=x.device).triu(1)
                scores = scores.masked_fill(mask, -math.inf)
            probs = torch.softmax(scores, -1, dtype=torch.float).to(q.dtype)
            context = torch.matmul(probs, v).transpose(1, 2).reshape(B, T, self.heads * self.head_dim)
            return self.o_proj(context)

    class DecoderLayer(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.input_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
            self.self_attn = Attention(c)
            self.post_attention_layernorm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
            self.mlp = SwiGluMlp(c["hidden_size"], c["intermediate_size"])

        def forward(self, x, cos, sin):
            h = x + self.self_attn(self.input_layernorm(x), cos, sin)
            normed = self.post_attention_layernorm(h)
            return h + self.mlp(normed)

    class DeepSeekModel(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.embed_tokens = nn.Embedding(c["vocab_size"], c["hidden_size"])
            nn.init.normal_(self.embed_tokens.weight, 0.0, 0.02)
            self.layers = nn.ModuleList([DecoderLayer(c) for _ in range(c["num_hidden_layers"])])
            self.norm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
            self.score = nn.Linear(c["hidden_size"], c["num_labels"])  # with bias, as in C++
            hd = c["hidden_size"] // c["num_attention_heads"]
            inv_freq = 1.0 / torch.pow(c["rope_theta"], torch.arange(0, hd, 2, dtype=torch.double) / hd)
            t = torch.arange(c["max_position_embeddings"], dtype=torch.double)
            freqs = torch.outer(t, inv_freq)
            emb = torch.cat([freqs, freqs], -1)
            self.cos = emb.cos().to(torch.float)
            self.sin = emb.sin().to(torch.float)

        def forward(self, input_ids):
            aux = torch.zeros((), dtype=torch.float)
            h = self.embed_tokens(input_ids)
            for layer in self.layers:
                h = layer(h, self.cos, self.sin)
            h = self.norm(h)
            pooled = h.mean(1)
            return self.score(pooled), aux

    return DeepSeekModel


def scheduled_lr(c, step):
    lr, warm = c["lr"], c["warmup_steps"]
    if warm > 0 and step < warm:
        return lr * (step + 1) / warm
    if c["schedule"] == "constant":
        return lr
    span = max(1, c["max_steps"] - warm)
    progress = min(max((step - warm) / span, 0.0), 1.0)
    min_lr = lr * c["min_lr_ratio"]
    if c["schedule"] == "linear":
        return lr - (lr - min_lr) * progress
    return min_lr + 0.5 * (lr - min_lr) * (1.0 + math.cos(math.pi * progress))


def worker_step(c, steps, warmup, threads, lean=False, device="cpu", precision="fp32", foreach=None, quiet=False):
    """The mirrored step; on CUDA (scripts/gpu-check) with autocast for bf16 and fp16 and
    torch.amp.GradScaler for fp16, as the trainer does. foreach=None follows `lean`."""
    set_malloc_thresholds()
    import torch
    import torch.nn.functional as F
    if c["head"] != "sequence_classification" or c["pooling"] != "mean" or c["n_routed_experts"] or \
            c["attention_dropout"] > 0:
        raise SystemExit("the Python block mirrors the dense sequence-classification model only")
    c = dict(c, max_steps=steps)
    torch.set_num_threads(threads)
    torch.manual_seed(c["seed"])
    N, T, B = c["train_samples"], c["seq_len"], c["batch_size"]
    g = torch.Generator().manual_seed(1234)
    inputs = torch.randint(0, c["vocab_size"], (N, T), generator=g, dtype=torch.long)
    labels = torch.randint(0, c["num_labels"], (N,), generator=g, dtype=torch.long)
    model = build_worker_classes()(c).to(device)
    model.cos, model.sin = model.cos.to(device), model.sin.to(device)
    params = list(model.parameters())
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": c["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=c["lr"], betas=(c["beta1"], c["beta2"]), eps=c["eps"],
                            foreach=lean if foreach is None else foreach)
    cuda = device != "cpu"
    amp_dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision)
    scaler = torch.amp.GradScaler("cuda") if precision == "fp16" else None

    def autocast():
        return torch.autocast(device_type="cuda" if cuda else "cpu", dtype=amp_dtype, enabled=amp_dtype is not None)
    clip = c["grad_clip"] if c["grad_clip"] > 0 else math.inf
    epoch, cursor = 0, 0
    order = torch.randperm(N, generator=torch.Generator().manual_seed(c["seed"] + epoch))
    model.train()
    ends, sink = [], 0.0
    for step in range(steps):
        lr = scheduled_lr(c, step)
        for group in opt.param_groups:
            group["lr"] = lr
        opt.zero_grad(set_to_none=lean)  # False is 1.13's default, as the C++ zero_grad()
        for _ in range(c["grad_accum_steps"]):
            if cursor + B > N:
                epoch, cursor = epoch + 1, 0
                order = torch.randperm(N, generator=torch.Generator().manual_seed(c["seed"] + epoch))
            idx = order[cursor:cursor + B]
            cursor += B
            x, y = inputs.index_select(0, idx).to(device), labels.index_select(0, idx).to(device)
            with autocast():
                logits, aux = model(x)
            aux = aux.to(device)
            if lean:
                task = F.cross_entropy(logits, y)
                sink += task.item()
                (task / c["grad_accum_steps"] if c["grad_accum_steps"] > 1 else task).backward()
                continue
            l = logits.to(torch.float)
            task = F.cross_entropy(l, y)
            correct = (l.argmax(-1) == y).sum()  # noqa: F841 (taskLoss computes it too)
            loss = (task + aux) / c["grad_accum_steps"]
            sink += task.item()
            (scaler.scale(loss) if scaler else loss).backward()
        if scaler:
            scaler.unscale_(opt)
        sink += torch.nn.utils.clip_grad_norm_(params, clip).item()
        if scaler:
            scaler.step(opt)
            scaler.update()
        else:
            opt.step()
        if cuda:
            torch.cuda.synchronize()
        ends.append(time.perf_counter())
    if not math.isfinite(sink):
        print("python worker: non-finite loss", file=sys.stderr)
    per_step = (ends[-1] - ends[warmup - 1]) / (len(ends) - warmup)
    deltas = [b - a for a, b in zip(ends[warmup - 1:], ends[warmup:])]
    result = {"ms_per_step": 1e3 * per_step, "median_step_ms": 1e3 * statistics.median(deltas)}
    if not quiet:
        print(json.dumps(result))
    return result


def worker_gemm(n, reps, threads):
    set_malloc_thresholds()
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    a, b = torch.randn(n, n), torch.randn(n, n)
    c = torch.mm(a, b)
    c = torch.mm(a, b)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        c = torch.mm(a, b)
        times.append(time.perf_counter() - t0)
    assert math.isfinite(c[0, 0].item())
    print(json.dumps({"flops": 2.0 * n ** 3 / statistics.median(times)}))


# ------------------------------------------------------------------------ orchestrator

def run_json(cmd):
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def loadavg():
    with open("/proc/loadavg") as f:
        return "load average: " + ", ".join(f.read().split()[:3])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpp", default=os.path.join(repo, "build/dev/tests/benchmarks/engine/bench_engine_step"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--configs", default="tiny,small")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps-tiny", type=int, default=150)
    ap.add_argument("--steps-small", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--gemm-reps", type=int, default=8)
    ap.add_argument("--lean-rounds", type=int, default=2,
                    help="rounds of the less-work variant (C++ --step-lean against Python with the same "
                         "changes); 0 skips it")
    ap.add_argument("--worker", nargs=5, metavar=("CONFIG_JSON", "STEPS", "WARMUP", "THREADS", "VARIANT"),
                    help=argparse.SUPPRESS)
    ap.add_argument("--worker-gemm", nargs=3, type=int, metavar=("N", "REPS", "THREADS"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        worker_step(json.loads(a.worker[0]), int(a.worker[1]), int(a.worker[2]), int(a.worker[3]),
                    a.worker[4] == "lean")
        return 0
    if a.worker_gemm:
        worker_gemm(*a.worker_gemm)
        return 0

    me = os.path.abspath(__file__)
    print(f"python_vs_cpp: C++ {a.cpp}\n  Python {a.python} (torch {torch_version(a.python)}), "
          f"{a.threads} threads, {a.rounds} rounds ABAB, warm-up {a.warmup} steps; {loadavg()}")

    def gemm():
        cpp = run_json([a.cpp, "--gemm", "2048", str(a.gemm_reps), str(a.threads)])["flops"]
        py = run_json([a.python, me, "--worker-gemm", "2048", str(a.gemm_reps), str(a.threads)])["flops"]
        return cpp, py

    peaks = [gemm()]
    print(f"  fp32 GEMM 2048^2 peak: C++ torch::mm {peaks[0][0] / 1e9:.1f} GFLOP/s, "
          f"Python torch.mm {peaks[0][1] / 1e9:.1f} GFLOP/s")
    results = {}
    for name in a.configs.split(","):
        steps = a.steps_tiny if name == "tiny" else a.steps_small
        desc = run_json([a.cpp, "--describe", name])
        print(f"\n[{name}] hidden {desc['hidden_size']}, {desc['num_hidden_layers']} layers, "
              f"heads {desc['num_attention_heads']}/{desc['num_key_value_heads']} kv, ff {desc['intermediate_size']}, "
              f"vocab {desc['vocab_size']}, batch {desc['batch_size']} x {desc['seq_len']} tokens, "
              f"{desc['flops_per_step'] / 1e9:.2f} GFLOP matmul per step, {steps} steps per process")
        cpp_ms, py_ms = [], []
        for r in range(a.rounds):
            cpp = run_json([a.cpp, "--step", name, str(steps), str(a.warmup), str(a.threads)])
            py = run_json([a.python, me, "--worker", json.dumps(desc), str(steps), str(a.warmup), str(a.threads),
                           "same"])
            cpp_ms.append(cpp["ms_per_step"])
            py_ms.append(py["ms_per_step"])
            print(f"  round {r + 1}: C++ {cpp_ms[-1]:.3f} ms/step (median step {cpp['median_step_ms']:.3f}), "
                  f"Python {py_ms[-1]:.3f} ms/step (median step {py['median_step_ms']:.3f}), "
                  f"C++ speed / Python speed {py_ms[-1] / cpp_ms[-1]:.4f}", flush=True)
        lean_c, lean_p = [], []
        for r in range(a.lean_rounds):
            cpp = run_json([a.cpp, "--step-lean", name, str(steps), str(a.warmup), str(a.threads)])
            py = run_json([a.python, me, "--worker", json.dumps(desc), str(steps), str(a.warmup), str(a.threads),
                           "lean"])
            lean_c.append(cpp["ms_per_step"])
            lean_p.append(py["ms_per_step"])
            print(f"  less work, round {r + 1}: C++ {lean_c[-1]:.3f} ms/step, Python {lean_p[-1]:.3f} ms/step, "
                  f"C++ speed / Python speed {lean_p[-1] / lean_c[-1]:.4f}", flush=True)
        results[name] = (desc, cpp_ms, py_ms, lean_c, lean_p)
    peaks.append(gemm())
    peak_cpp = statistics.median([p[0] for p in peaks])
    peak_py = statistics.median([p[1] for p in peaks])
    print(f"\n  fp32 GEMM 2048^2 peak (median of start and end): C++ {peak_cpp / 1e9:.1f} GFLOP/s, "
          f"Python {peak_py / 1e9:.1f} GFLOP/s")
    print("\nsummary (medians; ratio = C++ speed / Python speed, median of the per-pair ratios; target >= 0.97)")
    for name, (desc, cpp_ms, py_ms, lean_c, lean_p) in results.items():
        ratio = statistics.median([p / c for c, p in zip(cpp_ms, py_ms)])
        cm, pm = statistics.median(cpp_ms), statistics.median(py_ms)
        f = desc["flops_per_step"]
        eff_c = f / (cm / 1e3) / peak_cpp
        eff_p = f / (pm / 1e3) / peak_cpp
        print(f"  {name:5s}: C++ {cm:8.3f} ms/step, Python {pm:8.3f} ms/step, ratio of the medians {pm / cm:.4f}, "
              f"ratio {ratio:.4f} "
              f"({'meets' if ratio >= 0.97 else 'MISSES'} >= 0.97); GEMM efficiency C++ {100 * eff_c:.1f}%, "
              f"Python {100 * eff_p:.1f}% ({f / (cm / 1e3) / 1e9:.1f} and {f / (pm / 1e3) / 1e9:.1f} GFLOP/s "
              f"of model matmul over a {peak_cpp / 1e9:.1f} GFLOP/s peak)")
        if name == "small":  # issue 29's goals for the small config
            print(f"         goals at small: GEMM efficiency >= 80% ({'meets' if eff_c >= 0.8 else 'MISSES'}), "
                  f"C++ speed / Python speed >= 1.2 ({'meets' if ratio >= 1.2 else 'MISSES'})")
        if lean_c:
            lc, lp = statistics.median(lean_c), statistics.median(lean_p)
            print(f"         less work (grads set to none, loss without accuracy count, foreach AdamW; both sides): "
                  f"C++ {lc:.3f} ms/step ({cm / lc:.3f}x the full step), Python {lp:.3f} ms/step "
                  f"({pm / lp:.3f}x), C++ speed / Python speed {statistics.median([p / c for c, p in zip(lean_c, lean_p)]):.4f}")
    print(loadavg())
    return 0


def torch_version(python):
    try:
        return subprocess.run([python, "-c", "import torch; print(torch.__version__)"], check=True,
                              stdout=subprocess.PIPE, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not importable"


if __name__ == "__main__":
    sys.exit(main())
