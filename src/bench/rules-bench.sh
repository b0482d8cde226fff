#!/usr/bin/env bash
# In-process rule evaluation benchmark (JMH): one 3-line delivery quote, all default rules.
# Usage: src/bench/rules-bench.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B test-compile -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  RuleEvaluationBenchmark -rf json -rff target/rules-bench.json "$@"
