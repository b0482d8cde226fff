#!/usr/bin/env bash
# Black-box calibration replay against a fresh service (README "Calibration replay", docs/calibration.md).
# Usage: src/calibration/replay.sh <history.csv> [replay options: --targets 0.90,0.925 --judge-from 2017-07-01
#        --step week|day --open-orders true|false|delta --out dir --reliability 0.5,...,0.95 --batch 200]
# Builds if needed, starts the packaged service on its own port (REPLAY_PORT, default 18084) with a temporary
# H2 file, no demo data and a known admin key, runs the replay over HTTP, prints the report and stops the
# service it started by its PID. REPLAY_KEEP=1 keeps the temporary directory (service log, database).
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,3p' "$0"; exit 2; }
CSV=$(realpath "$1"); shift
cd "$(dirname "$0")/../.."
ROOT=$PWD
PORT=${REPLAY_PORT:-18084}
URL=http://127.0.0.1:$PORT
KEY=replay-$RANDOM$RANDOM
WORK=$(mktemp -d /tmp/promise-replay.XXXXXX)
JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -print -quit)" ]; then
  ./mvnw -q -B -ntp package -DskipTests
fi
(cd "$WORK" && PROMISE_DB_URL="jdbc:h2:file:$WORK/db" PROMISE_DEMO_DATA=false PROMISE_API_KEYS="replay:admin:$KEY" \
   PROMISE_RULES_DIR="$ROOT/rules" PROMISE_RATE_LIMIT_PER_SECOND=0 QUARKUS_HTTP_PORT=$PORT \
   exec java -jar "$ROOT/$JAR" > "$WORK/service.log" 2>&1) &
APP_PID=$!
cleanup() {
  kill "$APP_PID" 2>/dev/null || true # only the service this script started
  wait "$APP_PID" 2>/dev/null || true
  [ -n "${REPLAY_KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -sf "$URL/q/health/ready" >/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the service did not start:" >&2; tail -20 "$WORK/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$URL/q/health/ready" >/dev/null || { echo "the service is not ready after 120 s" >&2; exit 1; }
PROMISE_API_KEY=$KEY java -Djava.awt.headless=true \
  -cp "$ROOT/target/quarkus-app/app/*:$ROOT/target/quarkus-app/lib/main/*" \
  com.promisevalidator.cli.replay.Replay --url "$URL" --csv "$CSV" "$@"
