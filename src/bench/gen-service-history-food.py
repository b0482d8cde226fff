#!/usr/bin/env python3
"""A second synthetic service export, shaped unlike gen-service-history.py's defaults, to judge the service-minutes
estimator on structure it was not tuned on: food-delivery-like minutes in six markets (sites) and many store
categories (service types, Zipf-frequent: a few busy, many thin), orders from 10:00 to 23:30 with lunch (11-14) and
dinner (18-21) rushes that are both busier and slower, a heavier right tail (log-normal sigma 0.30 plus 4 % of
orders 1.5-3x long), Friday/Saturday evenings slower still, no drift by default (--drift 0.15 makes every market
slow down by that share over a week from the middle on, and recover over the last few days).

Usage: gen-service-history-food.py [--days 31] [--per-day 400] [--seed 11] [--start 2025-10-01] [--drift 0]
       [--sep ';'] [--bom] [--truth truth.json] > food.csv"""
import argparse, math, random, sys
from datetime import datetime, timedelta, timezone

p = argparse.ArgumentParser()
p.add_argument("--days", type=int, default=31)
p.add_argument("--per-day", type=int, default=400)
p.add_argument("--seed", type=int, default=11)
p.add_argument("--start", default="2025-10-01")
p.add_argument("--drift", type=float, default=0.0)
p.add_argument("--categories", type=int, default=40)
p.add_argument("--sep", default=",")
p.add_argument("--bom", action="store_true")
p.add_argument("--truth", help="also write each row's true duration model here (JSON), for oracle-bound.py")
a = p.parse_args()
r = random.Random(a.seed)
MARKETS = {"MKT-A": (1.00, 0.30), "MKT-B": (1.12, 0.22), "MKT-C": (0.90, 0.15), "MKT-D": (1.05, 0.12),
           "MKT-E": (0.97, 0.12), "MKT-F": (1.20, 0.09)}
CATS = ["CAT-%02d" % i for i in range(a.categories)]
BASE = {c: r.uniform(22, 55) for c in CATS}                 # a category's usual minutes
CAT_W = [1.0 / (i + 1) ** 1.1 for i in range(len(CATS))]    # Zipf: CAT-00 busy, the last ones thin
# orders per hour of the day (local), 10..23
HOUR_W = {10: 2, 11: 6, 12: 10, 13: 8, 14: 3, 15: 2, 16: 2, 17: 4, 18: 8, 19: 11, 20: 10, 21: 6, 22: 3, 23: 1}
def rush(hour, weekday):
    m = 1.0
    if 11 <= hour < 14: m *= 1.18
    if 18 <= hour < 21: m *= 1.25
    if weekday in (4, 5) and hour >= 18: m *= 1.10
    if hour >= 22: m *= 0.92
    return m
tz = timezone(timedelta(hours=-3))
start = datetime.fromisoformat(a.start).replace(tzinfo=tz)
sep = "\t" if a.sep == "tab" else a.sep
num = (lambda x: ("%.1f" % x).replace(".", ",")) if sep == ";" else (lambda x: "%.1f" % x)
out = sys.stdout
if a.bom:
    out.write("\ufeff")
out.write(sep.join("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity".split(",")) + "\n")
markets, mw = list(MARKETS), [v[1] for v in MARKETS.values()]
hours, hw = list(HOUR_W), list(HOUR_W.values())
rows = []
n = 0
scale = {}  # reference -> the row's median minutes before noise (the truth an oracle would know)
for day in range(a.days):
    date = start + timedelta(days=day)
    mid = a.days / 2
    ramp = min(1.0, max(0.0, (day - mid) / 7.0)) * a.drift
    if day >= a.days - 4:
        ramp *= 0.5
    per_day = int(a.per_day * (1.15 if date.weekday() >= 4 else 1.0))
    for k in range(per_day):
        site = r.choices(markets, mw)[0]
        cat = r.choices(CATS, CAT_W)[0]
        hour = r.choices(hours, hw)[0]
        at = date + timedelta(hours=hour, minutes=r.randrange(60), seconds=r.randrange(60))
        mult = MARKETS[site][0] * rush(hour, date.weekday()) * (1 + ramp)
        actual = BASE[cat] * mult * math.exp(r.gauss(0, 0.30))
        if r.random() < 0.04:
            actual *= r.uniform(1.5, 3.0)
        quoted = 5 * math.ceil((BASE[cat] * 1.3) / 5)
        n += 1
        scale["F-%d" % n] = BASE[cat] * mult
        rows.append((at, sep.join(["SERVICE", "F-%d" % n, site, "", cat, "rider%d" % (n % 13), at.isoformat(), "", "",
                                   str(quoted), num(actual), ""])))
rows.sort(key=lambda x: x[0])
for _, line in rows:
    out.write(line + "\n")
if a.truth:
    import json
    with open(a.truth, "w") as t:
        json.dump({"sigma": 0.3, "tailShare": 0.04, "tailTimes": [1.5, 3.0], "scale": scale}, t)
