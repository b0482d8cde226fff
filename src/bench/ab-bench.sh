#!/usr/bin/env bash
# Before/after on one machine in one sitting: http-bench.sh and ready-bench.sh for each build given, one after
# another, so the machine's state is the same for all. A build is a quarkus-app folder (copy target/quarkus-app
# aside before a change, or package an older commit in a git worktree).
# Usage: src/bench/ab-bench.sh <seconds per wrk run> <name>=<quarkus-app folder>[:<rules folder>] ...   (from the repository root)
#   e.g. src/bench/ab-bench.sh 10 old=/tmp/old/target/quarkus-app:/tmp/old/rules after=target/quarkus-app
#   A build without a rules folder runs this checkout's rules/ (an older build may not compile newer rule files).
# Each service is started in its own fresh directory (embedded H2, demo data) and stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:?seconds per run}; shift
for build in "$@"; do
  name=${build%%=*}; spec=${build#*=}; app=$(cd "${spec%%:*}" && pwd)
  rules=$PWD/rules; [[ $spec == *:* ]] && rules=$(cd "${spec#*:}" && pwd)
  echo "######## $name ($app)  $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  APP=$app RULES=$rules COMMITS=0 src/bench/http-bench.sh "$SECS"
  APP=$app RULES=$rules src/bench/ready-bench.sh 3
done
