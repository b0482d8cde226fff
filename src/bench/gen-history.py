#!/usr/bin/env python3
"""Synthetic delivery history in the import format, for scale benchmarks.
Usage: gen-history.py START COUNT > rows.csv   (references START..START+COUNT-1, same seed per row)"""
import random, sys
from datetime import datetime, timedelta, timezone

start, count = int(sys.argv[1]), int(sys.argv[2])
tz = timezone(timedelta(hours=-3))
base = datetime(2025, 1, 1, tzinfo=tz)
out = sys.stdout
out.write("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n")
for i in range(start, start + count):
    r = random.Random(i)
    site = "S%d" % (i % 5)
    region = "R%02d" % (r.randrange(27))
    ordered = base + timedelta(minutes=(i * 7) % (600 * 24 * 60))
    lead = 1 + int(abs(r.gauss(0, 3))) + (r.randrange(10) if r.random() < 0.07 else 0)
    done = ordered + timedelta(days=lead, hours=r.randrange(8))
    promised = (ordered + timedelta(days=7)).date()
    out.write("DELIVERY,SCALE-%d,%s,%s,,rep%d,%s,%s,%s,,,%d\n" % (
        i, site, region, i % 40, ordered.isoformat(), promised.isoformat(), done.isoformat(), 1 + r.randrange(4)))
