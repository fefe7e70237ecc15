#!/usr/bin/env bash
# Aggregator benchmark (not part of ./mvnw verify):
#  1. throughput: events/s through every window (all six aggregations, late gates, repartitions) under
#     exactly_once_v2, in-process Kafka Streams against an embedded broker in the same JVM;
#  2. query latency: two packaged aggregator instances (child processes) hold the resulting state; an open-loop
#     client sends key lookups at a fixed rate and measures from the intended send time (no coordinated omission),
#     split into answers served locally and answers forwarded to the other instance.
# Usage: bench/aggregator/run.sh [-Dbench.clicks=1000000] [-Dbench.minutes=40] [-Dbench.threads=2] [-Dbench.rate=2000]
#                                [-Dbench.seconds=30] [-Dbench.skip-throughput=true] [-Dbench.skip-query=true]
#                                [-Dbench.warm-up-seconds=60] [-Dbench.instance-jvm-opts="... {i} ..."]   (keep clicks/minutes near 25,000: see AggregatorBenchmark)
# Run it on an otherwise idle machine: it measures CPU-bound work.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# -am: a fresh clone has none of the project's modules (the bench needs eddy-testing) in ~/.m2 yet.
./mvnw -q -B -pl aggregator -am install -DskipTests
./mvnw -q -B -f bench/aggregator/pom.xml package
cp="bench/aggregator/target/classes:$(cat bench/aggregator/target/classpath.txt)"
# JUL must be JBoss' log manager (what the classpath's slf4j binding logs to), so that the benchmark can set the root
# level (see AggregatorBenchmark.quietLogging).
exec java -Xmx1500m -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$@" -Dbench.jar="$root/aggregator/target/quarkus-app/quarkus-run.jar" -cp "$cp" \
  dev.eddy.aggregator.bench.AggregatorBenchmark
