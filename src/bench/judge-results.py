#!/usr/bin/env python3
"""Kept rate, mean promised minutes (or days) and worst day of a replay's results.csv over a range of periods, for the
service and the plain quantile at 0.90 and 0.925. Usage: judge-results.py results.csv FROM TO [min orders a day, 30]"""
import csv, sys, collections
# usage: judge.py results.csv FROM TO [mindays]
f, lo, hi = sys.argv[1], sys.argv[2], sys.argv[3]
minn = int(sys.argv[4]) if len(sys.argv) > 4 else 30
rows = [r for r in csv.DictReader(open(f)) if lo <= r['period'] <= hi]
for t in ('0.9', '0.925'):
    R = [r for r in rows if r['target'] == t]
    out = []
    for way, rec, kept in (('service', 'recommended', 'recommendedKept'), ('plain', 'plain', 'plainKept')):
        ans = [r for r in R if r[rec] not in ('', None)]
        k = sum(r[kept] == 'true' for r in ans) / max(1, len(ans))
        m = sum(float(r[rec]) for r in ans) / max(1, len(ans))
        byd = collections.defaultdict(list)
        for r in ans: byd[r['period']].append(r[kept] == 'true')
        wd = min(((sum(v) / len(v), d) for d, v in byd.items() if len(v) >= minn), default=(float('nan'), '-'))
        out.append('%s %.3f %.1f worst %s %.3f (n=%d)' % (way, k, m, wd[1], wd[0], len(ans)))
    print(t, ' | '.join(out))
