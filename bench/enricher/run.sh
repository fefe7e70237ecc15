#!/usr/bin/env bash
# Enricher benchmark: sustained records/s under exactly_once_v2 and input-append -> output-append latency, for the
# enricher topology and a pass-through baseline run the same way (see EnricherBenchmark's Javadoc).
# Not part of ./mvnw verify. Usage, from anywhere:
#   bench/enricher/run.sh [-Dbench.clicks=3000000] [-Dbench.warm-up-clicks=6000000] [-Dbench.rate=2000] [-Dbench.latency-seconds=20] [-Dbench.partitions=6]
#                         [-Dbench.rounds=2] [-Dbench.modes=passthrough,enrich]
#                         [-Dbench.stream-threads=2]   (the same for both apps; the service default)
#                         [-Dbench.app-jvm-options=...]  (JVM options of both apps, e.g. a JFR recording, or any Kafka
#                         Streams setting as the service takes it: -Dkafka-streams.producer.batch.size=16384)
# Run it on an otherwise idle machine: it measures CPU-bound work.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# -am: a fresh clone has none of the project's modules in ~/.m2 yet.
./mvnw -q -B -pl enricher -am install -DskipTests
./mvnw -q -pl enricher test-compile
./mvnw -q -pl enricher dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="enricher/target/test-classes:enricher/target/classes:$(cat enricher/target/bench.classpath)"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$@" -cp "$classpath" dev.eddy.enricher.bench.EnricherBenchmark
