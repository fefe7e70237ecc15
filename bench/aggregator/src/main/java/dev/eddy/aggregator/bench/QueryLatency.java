package dev.eddy.aggregator.bench;

import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Two packaged aggregator instances hold the state; an open-loop client sends user-activity lookups to the first at
 * a fixed rate. Latency runs from each request's intended send time to its response, so a stall delays the
 * measurement of every request scheduled behind it (no coordinated omission). Answers the first instance served
 * itself are "local"; those it forwarded to the second are "forwarded".
 */
final class QueryLatency {

    private QueryLatency() {
    }

    static void run(String bootstrap, Path jar, int clicks, int rate, int seconds, long start, long end)
            throws Exception {
        String applicationId = "bench-query-" + System.nanoTime();
        Path work = Files.createTempDirectory("bench-aggregator-query");
        List<Process> processes = new ArrayList<>();
        int[] ports = {freePort(), freePort()};
        // A broker shutdown error can end this JVM abruptly (Kafka's Exit): never leave the instances behind.
        Thread reaper = new Thread(() -> processes.forEach(Process::destroyForcibly), "bench-instance-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            for (int i = 0; i < 2; i++) {
                List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-Dquarkus.http.port=" + ports[i], "-Dkafka.bootstrap.servers=" + bootstrap,
                        "-Dquarkus.kafka-streams.application-id=" + applicationId,
                        "-Dkafka-streams.state.dir=" + work.resolve("state-" + i),
                        "-Deddy.aggregator.standby-replicas=1", "-Dquarkus.log.level=WARN", "-jar", jar.toString());
                processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(work.resolve("instance-" + i + ".log").toFile()).start());
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
                long begin = System.nanoTime();
                while (!AggregatorBenchmark.caughtUp(admin, applicationId)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("instances did not catch up; logs in " + work);
                    }
                    Thread.sleep(500); // polling interval of a measurement loop, not synchronisation
                }
                System.out.printf("- two instances caught up with %,d events in %.1f s (both on this machine)%n",
                        clicks, (System.nanoTime() - begin) / 1e9);
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            String target = "http://localhost:" + ports[0];
            String self = "localhost:" + ports[0];
            String range = "?from=" + (end - Duration.ofMinutes(60).toMillis()) + "&to=" + end;
            awaitAnswers(client, target + "/api/v1/users/1/activity" + range);
            awaitStandbysRestored(client, ports);
            load(client, target, range, self, rate, 5, null);
            Results results = new Results();
            load(client, target, range, self, rate, seconds, results);
            results.print();
        } finally {
            for (Process process : processes) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static void load(HttpClient client, String target, String range, String self, int rate, int seconds,
                             Results results) throws InterruptedException {
        Random random = new Random(7);
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long begin = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        // The JDK client opens a connection per concurrent request: cap concurrency so an overloaded server cannot
        // make the client exhaust file descriptors. A request that finds no slot counts as an error ("shed").
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(512);
        for (long i = 0; i < total; i++) {
            long intended = begin + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int user = random.nextInt(AggregatorBenchmark.USERS);
            if (!slots.tryAcquire()) {
                if (results != null) {
                    results.errors.incrementAndGet();
                    results.errorKinds.merge("shed (512 in flight)", 1L, Long::sum);
                }
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(target + "/api/v1/users/" + user + "/activity"
                    + range)).timeout(Duration.ofSeconds(5)).GET().build();
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                long latency = System.nanoTime() - intended;
                slots.release();
                if (results != null) {
                    if (error != null || response.statusCode() != 200) {
                        results.errors.incrementAndGet();
                        results.errorKinds.merge(error != null ? error.getClass().getSimpleName()
                                : "HTTP " + response.statusCode(), 1L, Long::sum);
                    } else {
                        boolean local = response.headers().firstValue("X-Eddy-Served-By").orElse("").equals(self);
                        (local ? results.local : results.forwarded).add(latency);
                    }
                }
                return null;
            }));
            if (inFlight.size() > 10_000) {
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }

    /**
     * The input offsets being committed does not mean the instances are idle: each still restores its standby copies
     * from the changelogs (standby 1). Lookups measured during that restoration would measure the restoration;
     * wait until the restore consumers of both instances report (almost) no lag.
     */
    private static void awaitStandbysRestored(HttpClient client, int[] ports) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        long begin = System.nanoTime();
        while (true) {
            long lag = 0;
            for (int port : ports) {
                lag += restoreLag(client, "http://localhost:" + port + "/q/metrics");
            }
            if (lag <= 100) {
                System.out.printf("- standby copies restored %.1f s after the input was caught up%n",
                        (System.nanoTime() - begin) / 1e9);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("standbys still " + lag + " records behind after 10 minutes");
            }
            Thread.sleep(1000); // polling interval, not synchronisation
        }
    }

    /** Sum of the restore consumers' per-partition record lag, from one instance's Prometheus metrics. */
    private static long restoreLag(HttpClient client, String url) throws Exception {
        String body = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long lag = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("kafka_consumer_fetch_manager_records_lag{") && line.contains("restore-consumer")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (!Double.isNaN(value)) {
                    lag += (long) value;
                }
            }
        }
        return lag;
    }

    private static void awaitAnswers(HttpClient client, String url) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200); // polling interval, not synchronisation
        }
        throw new IllegalStateException("no answer from " + url);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class Results {
        final ConcurrentLinkedQueue<Long> local = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> forwarded = new ConcurrentLinkedQueue<>();
        final AtomicLong errors = new AtomicLong();
        final java.util.concurrent.ConcurrentHashMap<String, Long> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();

        void print() {
            print("local", local);
            print("forwarded", forwarded);
            System.out.printf("- errors/timeouts: %d %s%n", errors.get(), errorKinds);
        }

        private static void print(String name, ConcurrentLinkedQueue<Long> latencies) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                System.out.printf("- %s: no requests%n", name);
                return;
            }
            System.out.printf("- %s (%,d requests): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    name, sorted.length, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999),
                    sorted[sorted.length - 1] / 1e6);
        }

        private static double ms(long[] sorted, double quantile) {
            int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
