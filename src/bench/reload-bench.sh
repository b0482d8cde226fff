#!/usr/bin/env bash
# Rule reload figures (issue 8): shipped-set reload time, heap after GC across reloads. No service, no database.
# Usage: src/bench/reload-bench.sh [reloads=500] [drlReloads=100]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o test-compile -DskipTests
./mvnw -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.promisevalidator.bench.ReloadBenchmark "$@" 2>&1 | grep -v -e ' WARN ' -e ' INFO '
