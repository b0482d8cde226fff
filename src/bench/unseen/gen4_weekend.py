#!/usr/bin/env python3
"""Dataset 4: weekly-seasonal marketplace: orders placed on Saturday or Sunday take 2 days longer. 2 sites x 8 regions,
~35 orders/day with more on weekends, 2025-02-03..2025-11-30 (-03:00)."""
import math, random, sys
from datetime import datetime, timedelta, timezone
r = random.Random(44)
tz = timezone(timedelta(hours=-3))
REG = {f"M{i}": 2 + (i % 4) for i in range(8)}
SITES = ["MK-1", "MK-2"]
start = datetime(2025, 2, 3, tzinfo=tz); days = 300
out = sys.stdout
out.write("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n")
n = 0
for d in range(days):
    day = start + timedelta(days=d)
    we = day.weekday() >= 5
    for k in range(r.randint(40, 55) if we else r.randint(25, 35)):
        site = r.choice(SITES); reg = r.choice(list(REG))
        t = day + timedelta(minutes=r.randrange(6 * 60, 23 * 60))
        lead = REG[reg] * math.exp(r.gauss(0, 0.25)) + (2 if we else 0)
        comp = (t.replace(hour=0, minute=0) + timedelta(days=math.floor(lead + 0.5))).replace(hour=r.randint(9, 19), minute=r.randrange(60))
        if comp <= t: comp = t + timedelta(hours=3)
        prom = (t + timedelta(days=REG[reg] + 3)).date()
        n += 1
        out.write(f"DELIVERY,D4-{n},{site},{reg},,rep{n%4},{t.isoformat()},{prom},{comp.isoformat()},,,1\n")
