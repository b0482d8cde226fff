#!/usr/bin/env python3
"""Dataset 6: a B2B distributor whose deliveries arrive Monday to Friday only. Two sites (Berlin +01:00, Tokyo +09:00),
9 regions, orders Monday-Friday 07:00-19:59; an order after 14:00 ships the next business day; transit 1 business day
(85 %), 2 or 3 (the rest), one more to two far regions. 2026-03-02..2026-11-27. Seed as the first argument (11)."""
import random, sys
from datetime import date, datetime, timedelta, timezone
r = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
SITES = {"BER": 1, "TYO": 9}
REGIONS = {"BER": ["DE-N", "DE-S", "AT", "PL", "FR"], "TYO": ["KANTO", "KANSAI", "TOHOKU", "KYUSHU"]}
FAR = {"FR", "KYUSHU"}


def business_days_after(d, k):
    while k > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            k -= 1
    return d


out = sys.stdout
out.write("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity\n")
n = 0
d = date(2026, 3, 2)
while d <= date(2026, 11, 27):
    if d.weekday() < 5:
        for site, offset in SITES.items():
            tz = timezone(timedelta(hours=offset))
            for _ in range(r.randint(4, 9)):
                region = r.choice(REGIONS[site])
                hour, minute = r.randint(7, 19), r.randint(0, 59)
                ships = d if hour < 14 else business_days_after(d, 1)
                transit = 1 if r.random() < 0.85 else (2 if r.random() < 0.8 else 3)
                arrives = business_days_after(ships, transit + (1 if region in FAR else 0))
                ordered = datetime(d.year, d.month, d.day, hour, minute, tzinfo=tz)
                done = datetime(arrives.year, arrives.month, arrives.day, r.randint(9, 17), r.randint(0, 59), tzinfo=tz)
                n += 1
                out.write(f"DELIVERY,D6-{n},{site},{region},,,{ordered.isoformat()},,{done.isoformat()},,,1\n")
    d += timedelta(days=1)
