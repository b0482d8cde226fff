#!/usr/bin/env bash
# HTTP throughput and latency, all in one run with the same load tool (wrk, 2 threads, 32 connections):
#   1. GET /api/v1/info           - a trivial JSON endpoint (the baseline)
#   2. POST /api/v1/promises/validate - a 3-line delivery quote on the demo data
#   3. POST /api/v1/promises      - commits of 1 unit, each with its own Idempotency-Key
#   4. POST /api/v1/promises/validate-batch of 100 such quotes, timed one at a time with curl (median, p90 of 50)
# Usage: src/bench/http-bench.sh [seconds]      (from the repository root; PROMISE_DB_URL etc. are honoured)
#   APP=<quarkus-app folder> runs another build (e.g. a copy of the one before a change); COMMITS=0 skips step 3.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-20}
PORT=${PORT:-8091}
URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
APP=${APP:-$PWD/target/quarkus-app}
[ -f "$APP/quarkus-run.jar" ] || ./mvnw -q -B package -DskipTests
# demo mode: the demo admin key; no rate limit (the benchmark is thousands of requests a second from one key)
KEY=demo-admin
ROOT=$PWD
RULES=${RULES:-$ROOT/rules} # the rules of the build run (an older build may need its own)
(cd "$WORK" && PROMISE_RULES_DIR="$RULES" PROMISE_RATE_LIMIT_PER_SECOND=0 QUARKUS_HTTP_PORT=$PORT \
   exec java ${JAVA_OPTS:-} -jar "$APP/quarkus-run.jar" > "$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT # only the service this script started
for _ in $(seq 1 400); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 0.25; done
put() { curl -sf -XPUT "$URL$1" -H "X-API-Key: $KEY" -H 'content-type: application/json' -d "$2" >/dev/null; }
put /api/v1/sites/BENCH '{"timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":10000000}}'
put /api/v1/sites/BENCH/lanes/BR '{"transitDays":3}'
put /api/v1/sites/BENCH/stock/B-1 '{"onHand":10000000}'
# CPU seconds the service's JVM has used so far (user + system, from /proc; clock ticks of 1/100 s)
cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$APP_PID/stat"; }
run() { # name, wrk args...
  local name=$1; shift
  wrk -t2 -c32 -d5s -H "X-API-Key: $KEY" "$@" >/dev/null # warm-up
  echo "== $name"
  local before out after
  before=$(cpu)
  out=$(wrk -t2 -c32 -d${SECONDS_EACH}s --latency -H "X-API-Key: $KEY" "$@")
  after=$(cpu)
  echo "$out" | grep -E "Requests/sec|  50%|  99%|Non-2xx"
  # the service's own CPU per answer: wrk shares the cores, so req/s alone understates what a request costs
  echo "$out" | awk -v b="$before" -v a="$after" '/^Requests\/sec/ { rps = $2 } /requests in/ { n = $1 }
    END { if (n > 0) printf "    service CPU: %.2f s for %d requests = %.0f us per request\n", a - b, n, (a - b) * 1e6 / n }'
}
run "trivial GET /api/v1/info" $URL/api/v1/info
run "POST /api/v1/promises/validate (3-line quote)" -s src/bench/validate.lua $URL/api/v1/promises/validate
# a batch of 100 three-line quotes, one call at a time (after the warm-up above)
promised=$(date -u -d "+12 days" +%F)
python3 - "$promised" > "$WORK/batch.json" <<'PY'
import json, sys
q = {"type": "DELIVERY", "rep": "alice", "customer": "ACME", "site": "SP", "region": "RJ", "promisedBy": sys.argv[1],
     "lines": [{"sku": "SKU-1", "quantity": 5}, {"sku": "SKU-2", "quantity": 3}, {"sku": "SKU-3", "quantity": 1}]}
print(json.dumps({"quotes": [dict(q, quoteId="B-%d" % i) for i in range(100)]}))
PY
batch() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "X-API-Key: $KEY" -H 'content-type: application/json' \
  --data-binary @"$WORK/batch.json" $URL/api/v1/promises/validate-batch; }
for _ in $(seq 1 20); do batch >/dev/null; done # warm-up
echo "== POST /api/v1/promises/validate-batch (100 quotes), 50 calls one after another"
for _ in $(seq 1 50); do batch; done | sort -k2 -n | awk '{ if ($1 != 200) bad++; t[NR] = $2 }
  END { printf "    status != 200: %d   median %.1f ms   p90 %.1f ms   max %.1f ms\n", bad, t[int(NR/2)+1]*1000, t[int(NR*0.9)]*1000, t[NR]*1000 }'
if [ "${COMMITS:-1}" != 0 ]; then
  run "POST /api/v1/promises (commit, 1 unit each)" -s src/bench/commit.lua $URL/api/v1/promises
  echo "== stock after the commits"; curl -s -H "X-API-Key: $KEY" $URL/api/v1/sites/BENCH/stock/B-1; echo
fi
echo "== decision log after the run: $(curl -s -H "X-API-Key: $KEY" $URL/api/v1/info | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("decisionLog", d.get("decisions", "?")))' 2>/dev/null)"
