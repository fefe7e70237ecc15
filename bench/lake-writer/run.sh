#!/usr/bin/env bash
# Lake writer benchmark: records/s written as Parquet to s3proxy, and the writer's peak heap.
# Usage: bench/lake-writer/run.sh [records, default 5000000: long enough that JVM start and JIT do not dominate]
#                                 [writer heap, e.g. 512m] [compression]
#        INPUT_COMPRESSION=none|zstd|... (environment) compresses the input batches (zstd by default)
# The writer runs in its own JVM (with that heap) against a broker and s3proxy in this script's JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# -am: a fresh clone has none of the project's modules (the bench needs eddy-testing) in ~/.m2 yet.
./mvnw -q -B -pl lake-writer -am install -DskipTests
./mvnw -q -B -f bench/lake-writer/pom.xml package
cp="bench/lake-writer/target/classes:$(cat bench/lake-writer/target/classpath.txt)"
exec java -Xmx1g -cp "$cp" dev.eddy.lake.bench.LakeWriterBenchmark "${1:-5000000}" "${2:-512m}" "${3:-zstd}" "$cp"
