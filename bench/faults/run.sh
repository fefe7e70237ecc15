#!/usr/bin/env bash
# Fault injection: the whole pipeline (broker process + the four packaged services) with a real-time generator run;
# the enricher, aggregator and lake writer are SIGKILLed at seeded random moments several times each and restarted,
# the broker process is killed and restarted, bad input from the corpus is mixed in; afterwards the aggregator's
# answers and the lake must equal the generator's ground truth exactly. Exit 0 = PASS. Not part of ./mvnw verify
# (a short version, FaultInjectionIT, is part of ./mvnw verify). See docs/testing.md.
#   bench/faults/run.sh [--events 60000] [--rate 400] [--kills 3] [--broker-restarts 1] [--seed N] [--work-dir DIR]
# Needs the services packaged: ./mvnw -q -pl generator,enricher,aggregator,lake-writer,launcher install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -pl e2e package -DskipTests
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "e2e/target/classes:$(cat e2e/target/runtime.classpath)" dev.eddy.e2e.faults.FaultInjection "$@"
