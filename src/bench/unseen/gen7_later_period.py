#!/usr/bin/env python3
"""Surrogate 'later period' for the Olist dev sample: the dev history followed by a resampled 2018 (Jan 1 - Aug 31).

Usage: gen7_later_period.py DEV_HISTORY.csv VARIANT [--seed N] [--per-month N] [--last-export YYYY-MM-DD] > out.csv
  VARIANT  A: Olist 2018 shape (13.5 d Jan, ~16 d Feb-Mar, falling to ~8.3 d by Aug; 2017 ~12 d)
           B: steady at 2017 levels
           C: steady speedup only, linear from 1.0 on Jan 1 to 0.65 on Aug 31 (-35 %)
           D: A plus a truckers' strike: orders placed 15-31 May take +6..10 days more
           F: A with a harder Feb-Mar (17.5 / 17.0 d mid-month anchors instead of 16.0 / 15.5; seller-late ~16-18 %)
           E: A with the strike bump spread over every order in transit on 21-31 May (delivery pushed to >= 1 Jun + 0..6 d)
Each 2018 order is a 2017-H2 dev order drawn at random (its site/region lane, weekday, hour of day, quantity and the
seller's quote length in days), re-dated to a random date of the same weekday in the target month. Its lead time
(completedAt - orderedAt) is first normalised to the 2017 level (divided by its dev month's mean / 12 d, which takes
out the Nov-Dec 2017 Black Friday slowdown), then multiplied by the variant's factor at the order's date (piecewise
linear between mid-month anchors), with lognormal noise (sigma 0.10). Rows whose delivery lies after --last-export
(default 2018-10-17, the last delivery in Olist's public data) are written open (completedAt empty).
Monthly volume: --per-month (default 690, about 1.4x Oct-Dec 2017's) x a small weekday-free jitter. CSV format identical
to the dev file; the dev rows are copied unchanged first.
"""
import csv, sys, random, math, argparse, io, collections
from datetime import datetime, date, timedelta

ap = argparse.ArgumentParser()
ap.add_argument('dev'); ap.add_argument('variant', choices=list('ABCDEF'))
ap.add_argument('--seed', type=int, default=2018)
ap.add_argument('--per-month', type=int, default=690)
ap.add_argument('--last-export', default='2018-10-17')
ap.add_argument('--base-days', type=float, default=12.0)
a = ap.parse_args()
rng = random.Random(a.seed * 31 + ord(a.variant))

raw = open(a.dev, newline='').read()
rows = list(csv.DictReader(io.StringIO(raw)))
fields = list(csv.DictReader(io.StringIO(raw)).fieldnames)
pool = [r for r in rows if r['orderedAt'][:7] >= '2017-07' and r['completedAt']]

def lead(r):
    return datetime.fromisoformat(r['completedAt']) - datetime.fromisoformat(r['orderedAt'])
mm = collections.defaultdict(list)
for r in pool: mm[r['orderedAt'][:7]].append(lead(r).total_seconds() / 86400)
month_mean = {m: sum(v) / len(v) for m, v in mm.items()}

# mid-month anchors: mean lead days in 2018 (variant A); factor = anchor / base-days
A = [(date(2017, 12, 15), 13.0), (date(2018, 1, 15), 13.5), (date(2018, 2, 15), 16.0), (date(2018, 3, 15), 15.5),
     (date(2018, 4, 15), 12.5), (date(2018, 5, 15), 11.0), (date(2018, 6, 15), 9.3), (date(2018, 7, 15), 8.7),
     (date(2018, 8, 15), 8.3), (date(2018, 9, 15), 8.3)]

def interp(anchors, d):
    for (d0, v0), (d1, v1) in zip(anchors, anchors[1:]):
        if d0 <= d <= d1:
            return v0 + (v1 - v0) * (d - d0).days / (d1 - d0).days
    return anchors[-1][1]

F = [(d0, {2: 17.5, 3: 17.0}.get(d0.month, v) if d0.year == 2018 else v) for d0, v in A]

def factor(d):
    if a.variant == 'B': return 1.0
    if a.variant == 'F': return interp(F, d) / a.base_days
    if a.variant == 'C':
        x = (d - date(2018, 1, 1)).days / (date(2018, 8, 31) - date(2018, 1, 1)).days
        return 1.0 - 0.35 * x
    return interp(A, d) / a.base_days

last_export = datetime.fromisoformat(a.last_export + 'T23:59:59-03:00')
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=fields, lineterminator='\n')
w.writeheader()
for r in rows: w.writerow(r)
new = []
for month in range(1, 9):
    first = date(2018, month, 1)
    nxt = date(2018, month + 1, 1)
    days = [first + timedelta(i) for i in range((nxt - first).days)]
    byw = collections.defaultdict(list)
    for d in days: byw[d.weekday()].append(d)
    n = int(round(a.per_month * rng.uniform(0.92, 1.08)))
    for _ in range(n):
        r = rng.choice(pool)
        t = datetime.fromisoformat(r['orderedAt'])
        d = rng.choice(byw[t.weekday()])
        nt = datetime.combine(d, t.timetz())
        quote = (date.fromisoformat(r['promisedBy']) - t.date()).days
        base = lead(r) * (a.base_days / month_mean[r['orderedAt'][:7]])
        f = factor(d) * math.exp(rng.gauss(0, 0.10))
        L = base * f
        if a.variant == 'D' and date(2018, 5, 15) <= d <= date(2018, 5, 31):
            L += timedelta(days=rng.uniform(6, 10))
        done = nt + L
        if a.variant == 'E':
            s0, s1 = datetime.fromisoformat('2018-05-21T00:00:00-03:00'), datetime.fromisoformat('2018-06-01T00:00:00-03:00')
            if nt < s1 and done >= s0:  # in transit during the strike: arrives after it, 0-6 days into June
                done = max(done, s1 + timedelta(days=rng.uniform(0, 6), hours=rng.uniform(8, 20))) if done < s1 + timedelta(days=6) else done + timedelta(days=rng.uniform(2, 5))
        if done <= nt: done = nt + timedelta(hours=6)
        ref = '%032x' % rng.getrandbits(128)
        nr = dict(r)
        nr.update(reference=ref, orderedAt=nt.isoformat(), promisedBy=(d + timedelta(quote)).isoformat(),
                  completedAt='' if done > last_export else done.replace(microsecond=0).isoformat())
        new.append(nr)
new.sort(key=lambda r: r['orderedAt'])
for r in new: w.writerow(r)
sys.stdout.write(out.getvalue())
