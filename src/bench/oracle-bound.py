#!/usr/bin/env python3
"""The best promise any estimator could give on a synthetic service export: an oracle that knows each row's true
duration model (the generator's --truth file: its median before noise, the log-normal sigma and the share and size of
long jobs) promises that model's own quantile at the target, rounded up to a whole minute as the service's
`recommended` is. Beside it, on the same answered orders of a replay's results.csv, the service and the plain lane
quantile. A bar such as "5 % fewer minutes than the plain quantile at the target's kept rate" is reachable only where
the oracle itself is that far below the plain quantile.

Usage: oracle-bound.py truth.json results.csv FROM TO
  e.g. python3 src/bench/gen-service-history-food.py --sep ';' --bom --truth /tmp/food-truth.json > /tmp/food.csv
       src/calibration/replay.sh /tmp/food.csv --targets 0.90,0.925 --judge-from 2025-10-01 --out target/replay/food
       python3 src/bench/oracle-bound.py /tmp/food-truth.json target/replay/food/results.csv 2025-10-16 2025-10-31"""
import csv, json, math, random, sys

truth_file, results, lo, hi = sys.argv[1:5]
truth = json.load(open(truth_file))
scale = truth["scale"]
r = random.Random(1)
noise = []
for _ in range(400_000):  # the multiplier's distribution, by simulation (the long-job share makes it a mixture)
    x = math.exp(r.gauss(0, truth["sigma"]))
    if r.random() < truth["tailShare"]:
        x *= r.uniform(*truth["tailTimes"])
    noise.append(x)
noise.sort()
rows = [x for x in csv.DictReader(open(results)) if lo <= x["period"] <= hi and x["recommended"] and x["plain"]]


def oracle_at(sel, kept):
    """The oracle's mean minutes when it keeps {@code kept} of these orders (its quantile level searched for)."""
    lo_, hi_ = 0.0, 0.9999
    for _ in range(40):
        mid = (lo_ + hi_) / 2
        q = noise[int(mid * len(noise))]
        k = sum(float(x["actual"]) <= math.ceil(scale[x["reference"]] * q) for x in sel) / len(sel)
        lo_, hi_ = (mid, hi_) if k < kept else (lo_, mid)
    q = noise[int(hi_ * len(noise))]
    return sum(math.ceil(scale[x["reference"]] * q) for x in sel) / len(sel)


def worst_day(sel, kept):
    """Lowest kept rate of a day with at least 30 of these orders (kept: one boolean per order)."""
    days = {}
    for x, k in zip(sel, kept):
        days.setdefault(x["period"], []).append(k)
    return min((sum(v) / len(v) for v in days.values() if len(v) >= 30), default=float("nan"))


print("| target | orders | oracle kept / minutes / worst day | service kept / minutes / worst day | plain kept / minutes / worst day "
      "| oracle vs plain | service vs plain | oracle at the plain's kept rate vs plain | service vs oracle at the service's kept rate |")
print("|---|---|---|---|---|---|---|---|---|")
for target in sorted({x["target"] for x in rows}, key=float):
    q = noise[int(float(target) * len(noise))]
    sel = [x for x in rows if x["target"] == target]
    oracle = [math.ceil(scale[x["reference"]] * q) for x in sel]
    okays = [float(x["actual"]) <= o for x, o in zip(sel, oracle)]
    ok = sum(okays) / len(sel)
    om = sum(oracle) / len(sel)
    sm = sum(float(x["recommended"]) for x in sel) / len(sel)
    sk = sum(x["recommendedKept"] == "true" for x in sel) / len(sel)
    pm = sum(float(x["plain"]) for x in sel) / len(sel)
    pk = sum(x["plainKept"] == "true" for x in sel) / len(sel)
    print("| %s | %d | %.3f / %.1f / %.3f | %.3f / %.1f / %.3f | %.3f / %.1f / %.3f | %+.1f %% | %+.1f %% | %+.1f %% | %+.1f %% |"
          % (target, len(sel), ok, om, worst_day(sel, okays), sk, sm, worst_day(sel, [x["recommendedKept"] == "true" for x in sel]),
             pk, pm, worst_day(sel, [x["plainKept"] == "true" for x in sel]), 100 * (om / pm - 1), 100 * (sm / pm - 1),
             100 * (oracle_at(sel, pk) / pm - 1), 100 * (sm / oracle_at(sel, sk) - 1)))
