#!/usr/bin/env python3
"""Dataset 3: a service business (salon/clinic-like), decimal minutes, strong day-of-week effects, and a new
service type (COLOR_TREAT) appearing on day 21 of 42 with no history. Exported with a UTF-8 BOM, ';' separator,
decimal commas and CRLF. 3 sites, 4 types, ~160 jobs/day from 2025-10-06 (-03:00)."""
import math, random, sys
from datetime import datetime, timedelta, timezone
r = random.Random(33)
tz = timezone(timedelta(hours=-3))
SITES = {"SALON-1": 1.0, "SALON-2": 1.1, "SALON-3": 0.92}
TYPES = {"CUT": 28.5, "WASH_DRY": 19.0, "BEARD": 14.5, "MANICURE": 37.0}
NEW = ("COLOR_TREAT", 95.0)
DOW = [0.85, 0.9, 1.0, 1.0, 1.15, 1.45, 1.3]  # Mon..Sun: strong weekend slowdown
start = datetime(2025, 10, 6, tzinfo=tz); days = 42
out = sys.stdout
out.write("\ufeff" + ";".join("kind,reference,site,region,serviceType,rep,orderedAt,promisedBy,completedAt,promisedMinutes,actualMinutes,quantity".split(",")) + "\r\n")
num = lambda x: ("%.2f" % x).replace(".", ",")
n = 0
for d in range(days):
    day = start + timedelta(days=d)
    types = dict(TYPES)
    if d >= 21: types[NEW[0]] = NEW[1]
    for k in range(r.randint(140, 180)):
        site = r.choice(list(SITES))
        st = r.choice(list(types)) if d < 21 or r.random() > 0.15 else NEW[0]
        at = day + timedelta(hours=8, minutes=r.randrange(11 * 60))
        actual = types[st] * SITES[site] * DOW[day.weekday()] * math.exp(r.gauss(0, 0.2))
        quoted = math.ceil(types[st] * 1.1)
        if st == NEW[0]: quoted = 80  # the shop underestimates its new service
        n += 1
        out.write(";".join(["SERVICE", "C3-%d" % n, site, "", st, "sty%d" % (n % 6), at.isoformat(), "", "", num(quoted), num(actual), ""]) + "\r\n")
