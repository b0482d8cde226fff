#!/usr/bin/env bash
# validate throughput and latency without and with a shadow run (wrk, 2 threads, 32 connections, the demo data's
# 3-line quote), then the shadow's counts: how many live quotes the candidate compared and how many it dropped;
# then without again, as the first run still warms the JIT.
# Usage: src/bench/shadow-bench.sh [seconds]   (from the repository root; PORT, PROMISE_DB_URL honoured)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-20}
PORT=${PORT:-8091}
URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
KEY=demo-admin
ROOT=$PWD
(cd "$WORK" && PROMISE_RULES_DIR="$ROOT/rules" PROMISE_RATE_LIMIT_PER_SECOND=0 QUARKUS_HTTP_PORT=$PORT \
   PROMISE_DB_URL=${PROMISE_DB_URL:-jdbc:h2:file:$WORK/db} exec java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT # only the service this script started
for _ in $(seq 1 120); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 0.5; done
run() { # name
  wrk -t2 -c32 -d5s -H "X-API-Key: $KEY" -s src/bench/validate.lua $URL/api/v1/promises/validate >/dev/null # warm-up
  echo "== $1"
  wrk -t2 -c32 -d${SECONDS_EACH}s --latency -H "X-API-Key: $KEY" -s src/bench/validate.lua $URL/api/v1/promises/validate \
    | grep -E "Requests/sec|  50%|  99%|Non-2xx"
}
run "validate, no shadow"
# the candidate: the shipped parameters with one more day on SP->RJ (the quote's lane)
start_shadow() {
  python3 -c 'import json;print(json.dumps({"parameters":open("rules/parameters.yaml").read().replace("lanes: {}","lanes: {\"SP->RJ\": 1}")}))' |
    curl -sf -XPUT $URL/api/v1/rules/shadow -H "X-API-Key: $KEY" -H 'content-type: application/json' -d @- >/dev/null
}
counts() { # stops the shadow, prints its final counts
  echo "== shadow counts"
  curl -s -XDELETE $URL/api/v1/rules/shadow -H "X-API-Key: $KEY" | python3 -c 'import json,sys;d=json.load(sys.stdin);print({k:d[k] for k in ("seen","compared","dropped","failed")}, "later:", d["recommendedMoved"]["later"], "byDays:", d["recommendedMoved"]["byDays"])'
}
start_shadow
run "validate, shadow running"
sleep 2
counts
run "validate, no shadow again (warm JIT)"
start_shadow
run "validate, shadow running again (warm JIT)"
sleep 2
counts
