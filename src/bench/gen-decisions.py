#!/usr/bin/env python3
"""Records N decisions on a running service through validate-batch (1000 quotes a call): deliveries from
BT-A..BT-D to regions R1..R5 (1-3 lines, some with an asked date), and services at BT-A.
Usage: gen-decisions.py URL KEY N"""
import json
import random
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

url, key, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(42)
sites = ["BT-A", "BT-B", "BT-C", "BT-D"]
regions = ["R1", "R2", "R3", "R4", "R5"]
today = date.today()


def quote(i):
    rnd = random.Random(i)  # the same quotes whatever the order batches are sent in
    if i % 10 == 9:
        return {"type": "SERVICE", "quoteId": f"BQ-{i}", "site": "BT-A", "serviceType": "INSTALL",
                "startAt": f"{today + timedelta(days=1 + i % 5)}T{9 + i % 8:02d}:00:00-03:00"}
    q = {"type": "DELIVERY", "quoteId": f"BQ-{i}", "site": rnd.choice(sites), "region": rnd.choice(regions),
         "rep": rnd.choice(["alice", "bob", "carol"]),
         "lines": [{"sku": f"BT-SKU-{k}", "quantity": rnd.randint(1, 5)} for k in range(rnd.randint(1, 3))]}
    if i % 3 == 0:
        q["promisedBy"] = str(today + timedelta(days=rnd.randint(2, 8)))
    return q


def post(body):
    req = urllib.request.Request(url + "/api/v1/promises/validate-batch", data=json.dumps(body).encode(),
                                 headers={"X-API-Key": key, "Content-Type": "application/json"})
    for attempt in range(60):
        try:
            with urllib.request.urlopen(req) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            if e.code != 503:
                raise
            time.sleep(0.5)  # the decision log catches up
    raise SystemExit("the service kept answering 503")


def batch(start):
    size = min(1000, n - start)
    out = post({"quotes": [quote(start + i) for i in range(size)]})
    bad = [r for r in out["results"] if "decisionId" not in r]
    if bad:
        raise SystemExit(f"unanswered quotes: {bad[:2]}")
    return size


with ThreadPoolExecutor(max_workers=2) as pool:  # two batches at a time: one per core
    done = sum(pool.map(batch, range(0, n, 1000)))
print(f"recorded {done} decisions")
