#!/usr/bin/env python3
"""Oracle for the delivery datasets: per judged order, the smallest whole-day promise whose TRUE probability (from the
generator's model) reaches the target; its kept rate and mean days on the same orders. Usage: oracle.py 1|2|4 results.csv"""
import csv, math, sys, collections
from statistics import NormalDist
from datetime import datetime, timedelta, timezone
ds, res = sys.argv[1], sys.argv[2]
tz = timezone(timedelta(hours=-3)); Z = NormalDist()
def qlog(med, sig, p): return med * math.exp(sig * Z.inv_cdf(p))
out = collections.defaultdict(list)
for r in csv.DictReader(open(res)):
    if r['judged'] != 'true' or r['actual'] == '': continue
    p = float(r['target']); t = datetime.fromisoformat(r['orderedAt'])
    if ds == '1':
        REG = {f"R{i:02d}": 2 + i % 6 for i in range(12)}
        m = REG[r['region']] * (1.0 if r['site'] == 'WH-A' else 1.15)
        if r['site'] == 'WH-A' and datetime(2025, 6, 1, tzinfo=tz) <= t < datetime(2025, 9, 1, tzinfo=tz): m *= 1.4
        D = max(0, math.ceil(qlog(m, 0.3, p) - 0.5))
    elif ds == '4':
        REG = {f"M{i}": 2 + (i % 4) for i in range(8)}
        we = t.weekday() >= 5
        # lead = base*exp(N) + 2*we ; diff=floor(lead+0.5)
        D = max(0, math.ceil(qlog(REG[r['region']], 0.25, p) + (2 if we else 0) - 0.5))
    elif ds == '2':
        if r['region'][0] != 'H': continue
        HEAVY = {"H1": 3.0, "H2": 4.0, "H3": 5.0, "H4": 6.0}; S = {"S1": 1.0, "S2": 1.2, "S3": 0.9}
        h = (t.hour * 60 + t.minute) / 1440
        D = max(0, math.ceil(qlog(HEAVY[r['region']] * S[r['site']], 0.8, p) + h - 1))
    a = float(r['actual'])
    out[p].append((D, a <= D, r['period'], float(r['recommended']) if r['recommended'] else None, r['recommendedKept'] == 'true'))
for p in sorted(out):
    L = out[p]
    print("target %.3f n=%d oracle kept %.3f mean %.2f | service on same: kept %.3f mean %.2f" % (p, len(L),
          sum(k for _, k, *_ in L) / len(L), sum(d for d, *_ in L) / len(L),
          sum(x[4] for x in L if x[3] is not None) / len(L), sum(x[3] for x in L if x[3] is not None) / len(L)))
