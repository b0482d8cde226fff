#!/usr/bin/env bash
# Validation latency with 1,000 vs 1,000,000 history rows, and history import speed.
# Usage: src/bench/scale-bench.sh  (from the repository root; needs wrk and python3; ~5 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8090}
WORK=$(mktemp -d)
ROOT=$PWD
APP_PID=
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
URL=http://127.0.0.1:$PORT
KEY=bench-admin-key
start() { # one admin key, no rate limit, room for the 1,000,000-row CSV
  (cd "$WORK" && PROMISE_DEMO_DATA=false PROMISE_API_KEYS="bench:admin:$KEY" PROMISE_RATE_LIMIT_PER_SECOND=0 \
     PROMISE_LIMITS_CSV_BODY=1G QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=1100M PROMISE_RULES_DIR="$ROOT/rules" QUARKUS_HTTP_PORT=$PORT \
     exec java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 120); do curl -sf $URL/q/health/ready >/dev/null && return; sleep 0.5; done
  echo "service did not start"; cat "$WORK/app.log"; exit 1
}
stop() { [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true; sleep 2; } # only the service this script started
trap stop EXIT
put() { curl -sf -XPUT "$URL$1" -H "X-API-Key: $KEY" -H 'content-type: application/json' -d "$2" >/dev/null; }
import_rows() { # start count
  python3 src/bench/gen-history.py "$1" "$2" > "$WORK/rows.csv"
  local t0=$(date +%s.%N)
  curl -sf -XPOST $URL/api/v1/history/import -H "X-API-Key: $KEY" -H 'content-type: text/csv' --data-binary @"$WORK/rows.csv" >/dev/null
  echo "imported $2 rows in $(echo "$(date +%s.%N) - $t0" | bc) s"
}
measure() {
  wrk -t2 -c16 -d5s -H "X-API-Key: $KEY" -s src/bench/scale.lua $URL/api/v1/promises/validate >/dev/null # warm-up
  wrk -t2 -c16 -d20s --latency -H "X-API-Key: $KEY" -s src/bench/scale.lua $URL/api/v1/promises/validate | grep -E "Requests/sec|50%|99%|Non-2xx"
}
start
for s in 0 1 2 3 4; do
  put /api/v1/sites/S$s '{"timeZone":"America/Sao_Paulo","cutoff":"14:00","workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":100000}}'
  for sku in A B C; do put /api/v1/sites/S$s/stock/$sku '{"onHand":100000}'; done
done
import_rows 0 1000
echo "== 1,000 history rows"; measure
for chunk in $(seq 1 10); do import_rows $(( (chunk - 1) * 99900 + 1000 )) 99900; done
echo "== 1,000,000 history rows"; measure
stop
t0=$(date +%s.%N); start; echo "restart with 1,000,000 rows: ready after $(echo "$(date +%s.%N) - $t0" | bc) s"
grep -E "ready in" "$WORK/app.log"
