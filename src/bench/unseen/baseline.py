#!/usr/bin/env python3
"""Own plain baseline: per-lane (site,region | site,serviceType) nearest-rank quantile of outcomes COMPLETED before the
start of the order's step (week Monday 00:00 at the first order's offset, or day), falling back to site, then global,
when the lane has < 20 outcomes. Joined with the replay's results.csv on reference+target.
Usage: baseline.py history.csv results.csv JUDGE_FROM week|day"""
import csv, sys, math, collections, io
from datetime import datetime, timedelta, date
hist, res, jf, step = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
raw = open(hist, 'rb').read().decode('utf-8-sig').replace('\r\n', '\n')
sep = ';' if raw.split('\n', 1)[0].count(';') > raw.split('\n', 1)[0].count(',') else ','
rows = list(csv.DictReader(io.StringIO(raw), delimiter=sep))
svc = rows[0]['kind'] == 'SERVICE'
def f(x): return float(x.replace(',', '.'))
recs = []
for r in rows:
    t = datetime.fromisoformat(r['orderedAt'])
    if svc:
        out = f(r['actualMinutes']); done = t + timedelta(minutes=out); key = (r['site'], r['serviceType'])
    else:
        c = datetime.fromisoformat(r['completedAt']); done = c
        out = (c.date() - t.date()).days; key = (r['site'], r['region'])
    recs.append(dict(ref=r['reference'], t=t, done=done, out=out, key=key))
off = recs[0]['t'].tzinfo
t0 = min(x['t'] for x in recs).astimezone(off)
s0 = datetime(t0.year, t0.month, t0.day, tzinfo=off)
if step == 'week': s0 -= timedelta(days=s0.weekday())
L = timedelta(weeks=1) if step == 'week' else timedelta(days=1)
def stepstart(t): return s0 + L * ((t - s0) // L)
bydone = sorted(recs, key=lambda x: x['done'])
byref = {x['ref']: x for x in recs}
def q(vals, p):
    v = sorted(vals); return v[max(0, math.ceil(p * len(v)) - 1)]
res_rows = list(csv.DictReader(open(res)))
# group orders by step start
need = collections.defaultdict(list)
for rr in res_rows:
    need[stepstart(byref[rr['reference']]['t'])].append(rr)
lane = collections.defaultdict(list); site = collections.defaultdict(list); allv = []
i = 0
agg = collections.defaultdict(lambda: collections.defaultdict(list))
for s in sorted(need):
    while i < len(bydone) and bydone[i]['done'] < s:
        x = bydone[i]; lane[x['key']].append(x['out']); site[x['key'][0]].append(x['out']); allv.append(x['out']); i += 1
    for rr in need[s]:
        if rr['judged'] != 'true' or rr['actual'] == '': continue
        x = byref[rr['reference']]; p = float(rr['target'])
        vals = lane[x['key']] if len(lane[x['key']]) >= 20 else site[x['key'][0]] if len(site[x['key'][0]]) >= 20 else allv
        if not vals: continue
        b = q(vals, p)
        if svc: b = math.ceil(b * 10) / 10  # tenths
        act = float(rr['actual'])
        agg[p]['b'].append((b, act <= b + 1e-9, rr['period']))
        if rr['recommended'] != '':
            agg[p]['s'].append((float(rr['recommended']), rr['recommendedKept'] == 'true', rr['period']))
for p in sorted(agg):
    for w in ('s', 'b'):
        L2 = agg[p][w]
        byp = collections.defaultdict(list)
        for _, k, per in L2: byp[per].append(k)
        worst = min(((sum(v) / len(v), per) for per, v in byp.items() if len(v) >= 30), default=(float('nan'), '-'))
        print("%.3f %-8s n=%5d kept=%.3f mean=%.2f worst %s %.3f" % (p, 'service' if w == 's' else 'ownP', len(L2),
              sum(k for _, k, _ in L2) / len(L2), sum(v for v, _, _ in L2) / len(L2), worst[1], worst[0]))
