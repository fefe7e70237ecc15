#!/usr/bin/env bash
# The lake writer's decode and encode CPU per record on one thread, without Kafka or S3 (thread CPU time after
# warm-up; fit for A/B comparisons on a busy machine).
# Usage: bench/lake-writer/encode.sh [records, default 250000] [compression, default zstd] [columns without dictionary]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -q -B -pl lake-writer -am install -DskipTests
./mvnw -q -B -f bench/lake-writer/pom.xml package
cp="bench/lake-writer/target/classes:$(cat bench/lake-writer/target/classpath.txt)"
exec java -Xmx1g -cp "$cp" dev.eddy.lake.bench.EncodeBenchmark "$@"
