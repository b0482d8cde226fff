#!/usr/bin/env bash
# Start-up time: from `java -jar` to /q/health/ready = 200 on a fresh embedded H2 with the demo data, N runs.
# Usage: src/bench/ready-bench.sh [runs]   (from the repository root; PORT overrides the port, default 8092)
# Each run starts the packaged service in its own empty directory and stops it by its PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
APP=${APP:-$PWD/target/quarkus-app} # another build to compare, e.g. a copy of the quarkus-app folder of the commit before
PORT=${PORT:-8092}
ROOT=$PWD
RULES=${RULES:-$ROOT/rules} # the rules of the build run (an older build may need its own)
[ -f "$APP/quarkus-run.jar" ] || ./mvnw -q -B package -DskipTests
for i in $(seq 1 "$RUNS"); do
  WORK=$(mktemp -d)
  t0=$(date +%s%N)
  (cd "$WORK" && PROMISE_RULES_DIR="$RULES" QUARKUS_HTTP_PORT=$PORT exec java -jar "$APP/quarkus-run.jar" \
     > "$WORK/app.log" 2>&1) &
  APP_PID=$!
  trap 'kill "$APP_PID" 2>/dev/null || true' EXIT # only the service this script started
  until curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "service exited; log:"; tail -20 "$WORK/app.log"; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  echo "run $i: ready after $(( (t1 - t0) / 1000000 )) ms  ($(grep -o 'ready in [0-9]* ms' "$WORK/app.log" | head -1) inside the start-up hook)"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
done
