#!/usr/bin/env bash
# A JFR profile of one endpoint under load (wrk, 2 threads, 32 connections), then its summary (jfr-summary.py):
# samples by thread and by method, GC pauses, deoptimizations. Profile first, then change what it shows.
# Usage: src/bench/profile.sh [validate|info] [seconds]      (from the repository root)
#   APP=<quarkus-app folder> profiles another build; PORT (default 8093); the recording stays in target/profile-*.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
WHAT=${1:-validate}
SECS=${2:-20}
PORT=${PORT:-8093}
URL=http://127.0.0.1:$PORT
APP=${APP:-$PWD/target/quarkus-app}
[ -f "$APP/quarkus-run.jar" ] || ./mvnw -q -B package -DskipTests
ROOT=$PWD
OUT=$ROOT/target/profile-$WHAT.jfr
WORK=$(mktemp -d)
KEY=demo-admin
(cd "$WORK" && PROMISE_RULES_DIR="$ROOT/rules" PROMISE_RATE_LIMIT_PER_SECOND=0 QUARKUS_HTTP_PORT=$PORT \
   exec java -jar "$APP/quarkus-run.jar" > "$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT # only the service this script started
for _ in $(seq 1 400); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 0.25; done
case $WHAT in
  validate) ARGS=(-s src/bench/validate.lua $URL/api/v1/promises/validate) ;;
  info) ARGS=($URL/api/v1/info) ;;
  *) echo "unknown endpoint $WHAT (validate or info)"; exit 2 ;;
esac
wrk -t2 -c32 -d10s -H "X-API-Key: $KEY" "${ARGS[@]}" >/dev/null # warm-up: the JIT settles first
jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$OUT" >/dev/null
wrk -t2 -c32 -d${SECS}s --latency -H "X-API-Key: $KEY" "${ARGS[@]}" | grep -E "Requests/sec|  50%|  99%|Non-2xx"
jcmd "$APP_PID" JFR.stop name=bench >/dev/null
echo "== $OUT"
python3 src/bench/jfr-summary.py "$OUT" 25 promisevalidator drools jackson h2 resteasy vertx
