#!/usr/bin/python3
"""Adds up a Chrome trace from `bench_engine_step --profile` per operator.

    profile_summary.py TRACE [--steps N] [--top K]

Self time is an event's duration less its direct children's (events nest per thread),
so the column adds up to the profiled time; --steps divides by the profiled steps.
"""

import argparse
import collections
import json


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trace")
    ap.add_argument("--steps", type=int, default=1)
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    with open(a.trace) as f:
        events = [e for e in json.load(f) if e.get("ph") == "X"]
    by_thread = collections.defaultdict(list)
    for e in events:
        by_thread[e["tid"]].append(e)
    self_us = collections.Counter()
    calls = collections.Counter()
    total = 0.0
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # [end, name, child time]
        for e in evs:
            while stack and e["ts"] >= stack[-1][0] - 1e-6:
                end, name, child, dur = stack.pop()
                self_us[name] += dur - child
            if stack:
                stack[-1][2] += e["dur"]
            else:
                total += e["dur"]
            stack.append([e["ts"] + e["dur"], e["name"], 0.0, e["dur"]])
            calls[e["name"]] += 1
        for end, name, child, dur in stack:
            self_us[name] += dur - child
    print(f"{'operator':48s} {'self ms/step':>12s} {'share':>7s} {'calls/step':>10s}")
    for name, us in self_us.most_common(a.top):
        print(f"{name[:48]:48s} {us / 1e3 / a.steps:12.2f} {100 * us / total:6.1f}% {calls[name] / a.steps:10.1f}")
    print(f"{'all operators':48s} {total / 1e3 / a.steps:12.2f}")


if __name__ == "__main__":
    main()
