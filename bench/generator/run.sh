#!/usr/bin/env bash
# Generator throughput benchmark: one generator instance, flat out (as-fast-as-possible pacing), into a real Kafka
# broker running as its own process on this machine. Prints clicks per second as the generator measured them.
#
#   bench/generator/run.sh [EVENTS]          (default 2,000,000 clicks)
#
# Environment: PARTITIONS (default 6), RATE (simulated clicks per second, default 1000: how dense the simulated
# traffic is, not how fast it is sent), GENERATOR_OPTS (extra JVM/-D options for the generator, e.g.
# -Dkafka.compression.type=zstd), KEEP=1 keeps the broker's folder.
# Not part of ./mvnw verify. Needs only a JDK; builds the generator if its jar is missing.
set -euo pipefail

EVENTS="${1:-2000000}"
PARTITIONS="${PARTITIONS:-6}"
RATE="${RATE:-1000}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d /tmp/eddy-bench-generator.XXXXXX)"
BROKER_PID=""
GENERATOR_PID=""

cleanup() {
  [[ -n "$GENERATOR_PID" ]] && kill "$GENERATOR_PID" 2>/dev/null && wait "$GENERATOR_PID" 2>/dev/null || true
  [[ -n "$BROKER_PID" ]] && kill "$BROKER_PID" 2>/dev/null && wait "$BROKER_PID" 2>/dev/null || true
  if [[ "${KEEP:-0}" != "1" ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

cd "$ROOT"
JAR="generator/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$JAR" ]]; then
  echo "building the generator..."
  ./mvnw -q -pl generator package -DskipTests
fi
echo "resolving the Kafka broker's class path..."
./mvnw -q -pl testing dependency:build-classpath -Dmdep.outputFile="$WORK/broker.classpath" >/dev/null
CP="$(cat "$WORK/broker.classpath")"

BROKER_PORT="$(free_port)"; CONTROLLER_PORT="$(free_port)"; HTTP_PORT="$(free_port)"
BOOTSTRAP="127.0.0.1:$BROKER_PORT"
cat > "$WORK/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
log.dirs=$WORK/kafka-data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
PROPS
echo "starting a Kafka broker on $BOOTSTRAP..."
java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid)" \
  -c "$WORK/server.properties" >"$WORK/format.log" 2>&1
java -Xms1g -Xmx1g -cp "$CP" kafka.Kafka "$WORK/server.properties" \
  >"$WORK/broker.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 1 60); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then break; fi
  sleep 1
done
java -cp "$CP" "$ROOT/bench/generator/CreateTopics.java" "$BOOTSTRAP" "$PARTITIONS"

echo "running the generator: $EVENTS clicks, as fast as possible, $PARTITIONS partitions..."
# shellcheck disable=SC2086
java -Xmx1g -Dkafka.bootstrap.servers="$BOOTSTRAP" -Dquarkus.http.port="$HTTP_PORT" \
  -Deddy.generator.pacing=as-fast-as-possible -Deddy.generator.max-events="$EVENTS" \
  -Deddy.generator.rate="$RATE" -Deddy.generator.seed=1 ${GENERATOR_OPTS:-} \
  -jar "$JAR" >"$WORK/generator.log" 2>&1 &
GENERATOR_PID=$!
# CPU seconds (user + system) a process used so far, from /proc: on a shared machine, CPU per click is the steadier
# figure; wall-clock throughput depends on what else runs.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
status() { curl -s "http://127.0.0.1:$HTTP_PORT/api/v1/generator/status" || true; }
until grep -q '"state":"\(running\|done\)"' <(status); do
  if ! kill -0 "$GENERATOR_PID" 2>/dev/null; then echo "the generator exited:"; tail -20 "$WORK/generator.log"; exit 1; fi
  sleep 0.2
done
GEN_CPU0="$(cpu_seconds "$GENERATOR_PID")"; BROKER_CPU0="$(cpu_seconds "$BROKER_PID")"
until grep -q '"state":"done"' <(status); do
  if ! kill -0 "$GENERATOR_PID" 2>/dev/null; then echo "the generator exited:"; tail -20 "$WORK/generator.log"; exit 1; fi
  sleep 0.2
done
GEN_CPU="$(awk -v a="$(cpu_seconds "$GENERATOR_PID")" -v b="$GEN_CPU0" 'BEGIN { printf "%.1f", a - b }')"
BROKER_CPU="$(awk -v a="$(cpu_seconds "$BROKER_PID")" -v b="$BROKER_CPU0" 'BEGIN { printf "%.1f", a - b }')"
grep "bounded run done" "$WORK/generator.log" | sed 's/.*bounded run done/bounded run done/'
echo "CPU during the run: generator ${GEN_CPU} s, broker ${BROKER_CPU} s" \
  "($(awk -v n="$EVENTS" -v g="$GEN_CPU" -v b="$BROKER_CPU" 'BEGIN { printf "%.0f", n / (g + b) }') clicks per CPU-second of both)"
status; echo
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
