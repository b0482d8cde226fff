#!/usr/bin/env bash
# Backtest of 100,000 recorded decisions (bar: < 60 s). Starts the packaged service on its own H2 file and port,
# records N decisions (validate-batch: deliveries from 4 sites to 5 regions, 1 in 10 a service), then backtests a
# candidate that adds one day on one lane (parameters buffers) and prints the report's counts and the time taken.
# Usage: src/bench/backtest-bench.sh [N]      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
PORT=${PORT:-18081}
URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
KEY=demo-admin
ROOT=$PWD
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
(cd "$WORK" && PROMISE_RULES_DIR="$ROOT/rules" PROMISE_RATE_LIMIT_PER_SECOND=0 QUARKUS_HTTP_PORT=$PORT \
   PROMISE_DB_URL="jdbc:h2:file:$WORK/db" exec java -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT # only the service this script started
for _ in $(seq 1 120); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 0.5; done
put() { curl -sf -XPUT "$URL$1" -H "X-API-Key: $KEY" -H 'content-type: application/json' -d "$2" >/dev/null; }
for s in BT-A BT-B BT-C BT-D; do
  put /api/v1/sites/$s '{"timeZone":"America/Sao_Paulo","cutoff":"14:00","workingDays":["MON","TUE","WED","THU","FRI"],"dailyCapacity":{"orders":10000000}}'
  for r in R1 R2 R3 R4 R5; do put /api/v1/sites/$s/lanes/$r "{\"transitDays\":$(( (${#s} + ${r#R}) % 4 + 1 ))}"; done
  for k in 0 1 2; do put /api/v1/sites/$s/stock/BT-SKU-$k '{"onHand":10000000}'; done
done
put /api/v1/sites/BT-A/services/INSTALL '{"bays":4,"openingHours":"08:00-18:00","standardMinutes":45}'
t0=$(date +%s)
python3 src/bench/gen-decisions.py "$URL" "$KEY" "$N"
echo "recording took $(( $(date +%s) - t0 )) s"
sleep 2 # the decision log writes every 250 ms
PARAMS=$(sed 's/lanes: {}/lanes: {"BT-A->R1": 1}/' rules/parameters.yaml | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')
FROM=$(date -u -d '-1 day' +%F); TO=$(date -u -d '+1 day' +%F)
cpu() { awk '{print $14 + $15}' /proc/$(pgrep -P "$APP_PID" java 2>/dev/null || echo "$APP_PID")/stat 2>/dev/null || echo 0; }
for run in 1 2; do # the first run includes JIT warm-up
  echo "== backtest run $run: one more day on BT-A->R1"
  c0=$(cpu)
  curl -s -o "$WORK/report.json" -w 'HTTP %{http_code} in %{time_total} s\n' -XPOST $URL/api/v1/rules/backtest -H "X-API-Key: $KEY" \
    -H 'content-type: application/json' -d "{\"parameters\":$PARAMS,\"from\":\"$FROM\",\"to\":\"$TO\",\"examples\":3}"
  echo "service CPU during the backtest: $(( $(cpu) - c0 )) ticks (1/100 s); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("compared", r["compared"], "| elapsedMs", r["elapsedMs"], "| skipped", r["skipped"], "| fidelity", r["fidelity"])
print("verdictsChanged", r["verdictsChanged"])
m = r["recommendedMoved"]; print("moved: later", m["later"], "earlier", m["earlier"], "byDays", m["byDays"], "byMinutes", m["byMinutes"])
PY
done
