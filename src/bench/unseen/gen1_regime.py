#!/usr/bin/env python3
"""Dataset 1: deliveries with a regime change. WH-A's carrier gets 40% slower from 2025-06-01 to 2025-08-31, then recovers.
WH-B (other carrier) unaffected. 12 regions, ~32 orders/day, 2025-01-06..2025-12-21, offset -03:00."""
import math, random, sys
from datetime import datetime, timedelta, timezone
r = random.Random(11)
tz = timezone(timedelta(hours=-3))
REG = {f"R{i:02d}": 2 + i % 6 for i in range(12)}   # base lead days 2..7
SITES = {"WH-A": 1.0, "WH-B": 1.15}
start = datetime(2025, 1, 6, tzinfo=tz); days = 350
out = sys.stdout
out.write("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n")
n = 0
for d in range(days):
    day = start + timedelta(days=d)
    for k in range(r.randint(25, 40)):
        site = r.choice(list(SITES)); reg = r.choice(list(REG))
        t = day + timedelta(minutes=r.randrange(7 * 60, 22 * 60))
        mult = SITES[site]
        if site == "WH-A" and datetime(2025, 6, 1, tzinfo=tz) <= t < datetime(2025, 9, 1, tzinfo=tz):
            mult *= 1.4
        lead = REG[reg] * mult * math.exp(r.gauss(0, 0.3))
        comp = (t.replace(hour=0, minute=0) + timedelta(days=math.floor(lead + 0.5))).replace(hour=r.randint(9, 19), minute=r.randrange(60))
        if comp <= t: comp = t + timedelta(hours=3)
        prom = (t + timedelta(days=REG[reg] + 4)).date()
        n += 1
        out.write(f"DELIVERY,A1-{n},{site},{reg},,rep{n%7},{t.isoformat()},{prom},{comp.isoformat()},,,1\n")
