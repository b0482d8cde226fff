#!/usr/bin/env python3
"""Dataset 5: quick services (a drive-through, an express lube), where whole-minute promises are coarse: jobs of 2 to 14
minutes with a tight spread, decimal minutes, 3 sites, ~240 jobs/day for 28 days from 2025-10-06 (-03:00), a slower
lunch hour. Judge the last 14 days (judge-results.py … 2025-10-20 2025-11-02)."""
import math, random, sys
from datetime import datetime, timedelta, timezone
r = random.Random(55)
tz = timezone(timedelta(hours=-3))
SITES = {"DT-1": 1.0, "DT-2": 1.12, "DT-3": 0.9}
TYPES = {"ORDER": (3.2, 0.22), "COFFEE": (2.1, 0.15), "EXPRESS_LUBE": (11.5, 0.10), "WIPERS": (6.0, 0.12)}
start = datetime(2025, 10, 6, tzinfo=tz); days = 28
out = sys.stdout
out.write("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n")
n = 0
for d in range(days):
    day = start + timedelta(days=d)
    for k in range(r.randint(220, 260)):
        site = r.choice(list(SITES))
        st = r.choice(list(TYPES))
        at = day + timedelta(hours=7, minutes=r.randrange(13 * 60))
        median, sd = TYPES[st]
        lunch = 1.15 if 12 <= at.hour < 14 else 1.0
        actual = median * SITES[site] * lunch * math.exp(r.gauss(0, sd))
        n += 1
        out.write(",".join(["SERVICE", "Q5-%d" % n, site, "", st, "crew%d" % (n % 4), at.isoformat(), "", "",
                            "%d" % math.ceil(median * 1.3), "%.2f" % actual, ""]) + "\n")
