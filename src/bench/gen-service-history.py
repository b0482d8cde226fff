#!/usr/bin/env python3
"""Synthetic service-duration export in the history import format (SERVICE rows), for the calibration replay's
service-minutes path: several sites and service types, decimal minutes, a slower weekend and afternoon, rare
long jobs, and drift (two sites slow down by about a fifth over a week, half-way through).

Usage: gen-service-history.py [--days 42] [--per-day 150] [--seed 7] [--start 2025-09-01] [--sep ';'] [--bom] [--truth truth.json] > services.csv
With --sep ';' minutes are written with a decimal comma, as spreadsheet exports do."""
import argparse, math, random, sys
from datetime import datetime, timedelta, timezone

p = argparse.ArgumentParser()
p.add_argument("--days", type=int, default=42)
p.add_argument("--per-day", type=int, default=150)
p.add_argument("--seed", type=int, default=7)
p.add_argument("--start", default="2025-09-01")
p.add_argument("--sep", default=",")
p.add_argument("--bom", action="store_true")
p.add_argument("--truth", help="also write each row's true duration model here (JSON), for oracle-bound.py")
a = p.parse_args()
r = random.Random(a.seed)
SITES = {"GARAGE-N": 1.00, "GARAGE-S": 1.08, "GARAGE-E": 0.93, "GARAGE-W": 1.15, "GARAGE-C": 1.02}
DRIFTING = {"GARAGE-S", "GARAGE-W"}
TYPES = {"OIL_CHANGE": 18, "TYRE_SWAP": 35, "BRAKE_PADS": 65, "BATTERY": 22, "INSPECTION": 45, "AC_SERVICE": 80}
tz = timezone(timedelta(hours=-3))
start = datetime.fromisoformat(a.start).replace(tzinfo=tz)
sep = "\t" if a.sep == "tab" else a.sep
num = (lambda x: ("%.1f" % x).replace(".", ",")) if sep == ";" else (lambda x: "%.1f" % x)
out = sys.stdout
if a.bom:
    out.write("\ufeff")
out.write(sep.join("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity".split(",")) + "\n")
n = 0
scale = {}  # reference -> the row's median minutes before noise (the truth an oracle would know)
for day in range(a.days):
    date = start + timedelta(days=day)
    weekend = date.weekday() >= 5
    # drift: 0 before the middle, ramping to +22% over the following 7 days
    ramp = min(1.0, max(0.0, (day - a.days / 2) / 7.0)) * 0.22
    for k in range(a.per_day):
        site = r.choice(list(SITES))
        stype = r.choice(list(TYPES))
        at = date + timedelta(hours=8, minutes=r.randrange(10 * 60))
        mult = SITES[site] * (1.10 if weekend else 1.0) * (1.05 if at.hour >= 14 else 1.0)
        if site in DRIFTING:
            mult *= 1 + ramp
        actual = TYPES[stype] * mult * math.exp(r.gauss(0, 0.18))
        if r.random() < 0.02:
            actual *= 1.8  # a job that ran into trouble
        quoted = 5 * math.ceil((TYPES[stype] * 1.25) / 5)  # the garage's own quote: the standard time plus a quarter
        n += 1
        scale["SVC-%d" % n] = TYPES[stype] * mult
        out.write(sep.join(["SERVICE", "SVC-%d" % n, site, "", stype, "tech%d" % (n % 9), at.isoformat(), "", "",
                            str(quoted), num(actual), ""]) + "\n")
if a.truth:
    import json
    with open(a.truth, "w") as t:
        json.dump({"sigma": 0.18, "tailShare": 0.02, "tailTimes": [1.8, 1.8], "scale": scale}, t)
