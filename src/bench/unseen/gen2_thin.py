#!/usr/bin/env python3
"""Dataset 2: many thin lanes plus a few heavy ones; heavy-tailed lognormal (sigma 0.8) lead times.
3 sites; 4 heavy regions (H1..H4) take ~70% of orders; 450 thin regions (T001..T450) with 1-5 orders each over the
period, each with its own distance factor (median 3..12 days). 2025-01-06..2025-09-28."""
import math, random, sys
from datetime import datetime, timedelta, timezone
r = random.Random(22)
tz = timezone(timedelta(hours=-3))
SITES = {"S1": 1.0, "S2": 1.2, "S3": 0.9}
HEAVY = {"H1": 3.0, "H2": 4.0, "H3": 5.0, "H4": 6.0}
THIN = {f"T{i:03d}": r.uniform(3, 12) for i in range(1, 451)}
start = datetime(2025, 1, 6, tzinfo=tz); days = 266
rows = []
# thin orders: each thin region gets 1-5 orders at random times
for reg, med in THIN.items():
    for _ in range(r.randint(1, 5)):
        rows.append((start + timedelta(minutes=r.randrange(days * 1440)), r.choice(list(SITES)), reg, med))
for d in range(days):
    for k in range(r.randint(22, 30)):
        reg = r.choice(list(HEAVY))
        rows.append((start + timedelta(days=d, minutes=r.randrange(7 * 60, 22 * 60)), r.choice(list(SITES)), reg, HEAVY[reg]))
rows.sort(key=lambda x: x[0])
out = sys.stdout
out.write("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n")
for n, (t, site, reg, med) in enumerate(rows, 1):
    lead = med * SITES[site] * math.exp(r.gauss(0, 0.8))
    lead = min(lead, 200)
    comp = t + timedelta(days=lead)
    if comp <= t: comp = t + timedelta(hours=2)
    prom = (t + timedelta(days=round(med * 2.5))).date()
    out.write(f"DELIVERY,B2-{n},{site},{reg},,rep{n%5},{t.isoformat()},{prom},{comp.isoformat(timespec='seconds')},,,1\n")
