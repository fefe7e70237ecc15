#!/usr/bin/env bash
# Pipeline benchmark: the whole pipeline on this machine (broker process + the four packaged services), the generator
# in real time. Ramps the rate to find the sustainable throughput (append -> queryable latency stays bounded), then at
# half of it measures p50/p99 from a click's append to its effect being queryable (aggregator API) and to its row
# being in the lake. Not part of ./mvnw verify; results go to docs/benchmarks.md ("Pipeline").
#   bench/pipeline/run.sh [--rates 1000,2000,4000,8000,16000] [--step-seconds 120] [--measure-seconds 300]
#                         [--bound-seconds 10] [--roll-seconds 10] [--work-dir DIR]
# Short version (a few minutes, e.g. on a loaded machine):
#   bench/pipeline/run.sh --rates 500,1000,2000,4000 --step-seconds 40 --measure-seconds 60
# Needs the services packaged: ./mvnw -q -pl generator,enricher,aggregator,lake-writer,launcher install -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -pl e2e package -DskipTests
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "e2e/target/classes:$(cat e2e/target/runtime.classpath)" dev.eddy.e2e.bench.PipelineBenchmark "$@"
