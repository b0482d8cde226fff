#!/usr/bin/env bash
# HTTP throughput and latency, all in one run with the same load tool (wrk, 2 threads, 32 connections):
#   1. GET /api/v1/info           - a trivial JSON endpoint (the baseline)
#   2. POST /api/v1/promises/validate - a 3-line delivery quote on the demo data
#   3. POST /api/v1/promises      - commits of 1 unit, each with its own Idempotency-Key
# Usage: src/bench/http-bench.sh [seconds]      (from the repository root; PROMISE_DB_URL etc. are honoured)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-20}
PORT=${PORT:-8091}
URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
# demo mode: the demo admin key; no rate limit (the benchmark is thousands of requests a second from one key)
KEY=demo-admin
ROOT=$PWD
(cd "$WORK" && PROMISE_RULES_DIR="$ROOT/rules" PROMISE_RATE_LIMIT_PER_SECOND=0 QUARKUS_HTTP_PORT=$PORT \
   exec java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT # only the service this script started
for _ in $(seq 1 120); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 0.5; done
put() { curl -sf -XPUT "$URL$1" -H "X-API-Key: $KEY" -H 'content-type: application/json' -d "$2" >/dev/null; }
put /api/v1/sites/BENCH '{"timeZone":"America/Sao_Paulo","workingDays":["MON","TUE","WED","THU","FRI","SAT","SUN"],"dailyCapacity":{"orders":100000000}}'
put /api/v1/sites/BENCH/lanes/BR '{"transitDays":3}'
put /api/v1/sites/BENCH/stock/B-1 '{"onHand":100000000}'
run() { # name, wrk args...
  local name=$1; shift
  wrk -t2 -c32 -d5s -H "X-API-Key: $KEY" "$@" >/dev/null # warm-up
  echo "== $name"
  wrk -t2 -c32 -d${SECONDS_EACH}s --latency -H "X-API-Key: $KEY" "$@" | grep -E "Requests/sec|  50%|  99%|Non-2xx"
}
run "trivial GET /api/v1/info" $URL/api/v1/info
run "POST /api/v1/promises/validate (3-line quote)" -s src/bench/validate.lua $URL/api/v1/promises/validate
run "POST /api/v1/promises (commit, 1 unit each)" -s src/bench/commit.lua $URL/api/v1/promises
echo "== stock after the commits"; curl -s -H "X-API-Key: $KEY" $URL/api/v1/sites/BENCH/stock/B-1; echo
