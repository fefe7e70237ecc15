package dev.eddy.aggregator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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

    /** Keep-alive connections of the load client. */
    private static final int CONNECTIONS = 32;
    private static final int MAX_IN_FLIGHT = 512;
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 60);

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
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                        "java").toString(), "-Xmx512m"));
                // Extra JVM options for the instances, e.g. a JFR recording: -Dbench.instance-jvm-opts="-XX:..."
                String extra = System.getProperty("bench.instance-jvm-opts", "").replace("{i}", Integer.toString(i));
                if (!extra.isBlank()) {
                    command.addAll(List.of(extra.trim().split("\\s+")));
                }
                command.addAll(List.of("-Dquarkus.http.port=" + ports[i], "-Dkafka.bootstrap.servers=" + bootstrap,
                        "-Dquarkus.kafka-streams.application-id=" + applicationId,
                        "-Dkafka-streams.state.dir=" + work.resolve("state-" + i),
                        "-Deddy.aggregator.standby-replicas=1",
                        // Kafka Streams gives a late joiner warm-up copies and moves active tasks to it only at the
                        // next probing rebalance (10 min by default): the shortest interval it allows, so that both
                        // instances soon hold active user-activity partitions and some lookups are forwarded.
                        "-Dkafka-streams.probing.rebalance.interval.ms=60000",
                        "-Dquarkus.log.level=WARN", "-jar", jar.toString()));
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
            awaitActivesOnBoth(client, target, ports);
            awaitStandbysRestored(client, ports);
            // What the instances burn with no request at all (stream threads polling, committing, punctuating), the
            // baseline that the CPU per request below includes.
            long[] idleBefore = {cpuNanos(processes.get(0)), cpuNanos(processes.get(1))};
            Map<String, Long> idleThreadsBefore = threadCpuNanos(processes.get(0));
            long idleBegin = System.nanoTime();
            Thread.sleep(10_000); // a measurement interval, not synchronisation
            double idleSeconds = (System.nanoTime() - idleBegin) / 1e9;
            System.out.printf("- idle instances: %.0f %% and %.0f %% of a core%n",
                    (cpuNanos(processes.get(0)) - idleBefore[0]) / 1e7 / idleSeconds,
                    (cpuNanos(processes.get(1)) - idleBefore[1]) / 1e7 / idleSeconds);
            printThreadCpu("first instance's idle CPU by thread group", idleThreadsBefore,
                    threadCpuNanos(processes.get(0)));
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            try {
                io.vertx.core.http.HttpClient load = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true).setMaxPoolSize(CONNECTIONS).setConnectTimeout(2000));
                // Warm up at the measured rate until the JIT has compiled the request path: after 20 s of warm-up the
                // compiler threads still took a quarter of the first instance's CPU during the measurement (0.6 s of
                // 8.4 s after 60 s), and the p99 was 33-52 ms instead of 5-9 ms.
                load(load, target, range, self, rate, WARM_UP_SECONDS, null);
                Results results = new Results();
                long[] cpuBefore = {cpuNanos(processes.get(0)), cpuNanos(processes.get(1))};
                Map<String, Long> threadsBefore = threadCpuNanos(processes.get(0));
                long harnessBefore = AggregatorBenchmark.processCpuNanos();
                load(load, target, range, self, rate, seconds, results);
                long harness = AggregatorBenchmark.processCpuNanos() - harnessBefore;
                results.print();
                long answered = results.local.size() + results.forwarded.size();
                System.out.printf("- CPU per answered request: first instance %.0f µs, second %.0f µs, harness "
                                + "(load client + broker) %.0f µs%n",
                        (cpuNanos(processes.get(0)) - cpuBefore[0]) / 1e3 / Math.max(1, answered),
                        (cpuNanos(processes.get(1)) - cpuBefore[1]) / 1e3 / Math.max(1, answered),
                        harness / 1e3 / Math.max(1, answered));
                printThreadCpu("first instance's CPU during the load by thread group", threadsBefore,
                        threadCpuNanos(processes.get(0)));
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } finally {
            for (Process process : processes) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * Open loop: request i is due at {@code begin + i / rate}; the scheduling thread hands it to the client's event
     * loop at that time, and its latency runs from then, so a slow answer delays the measurement of everything queued
     * behind it. The client keeps a fixed pool of keep-alive connections (as a load balancer or a dashboard backend
     * would); a request that finds every connection busy waits in the client's queue, inside the measured latency.
     */
    private static void load(io.vertx.core.http.HttpClient client, String target, String range, String self, int rate, int seconds,
                             Results results) throws InterruptedException {
        Random random = new Random(7);
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        URI base = URI.create(target);
        // Bound what can pile up when the server cannot keep up: a request that finds no slot counts as "shed".
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        AtomicLong outstanding = new AtomicLong(1);
        Runnable finishOne = () -> {
            if (outstanding.decrementAndGet() == 0) {
                done.countDown();
            }
        };
        long begin = System.nanoTime();
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
                    results.errorKinds.merge("shed (" + MAX_IN_FLIGHT + " in flight)", 1L, Long::sum);
                }
                continue;
            }
            outstanding.incrementAndGet();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                    .setPort(base.getPort()).setURI("/api/v1/users/" + user + "/activity" + range)
                    .setTimeout(5000);
            client.request(request)
                    .compose(sent -> sent.send().compose(response -> response.body().map(body -> response)))
                    .onComplete(outcome -> {
                        long latency = System.nanoTime() - intended;
                        slots.release();
                        if (results != null) {
                            if (outcome.failed() || outcome.result().statusCode() != 200) {
                                results.errors.incrementAndGet();
                                results.errorKinds.merge(outcome.failed()
                                        ? outcome.cause().getClass().getSimpleName()
                                        : "HTTP " + outcome.result().statusCode(), 1L, Long::sum);
                            } else {
                                boolean local = self.equals(outcome.result().getHeader("X-Eddy-Served-By"));
                                (local ? results.local : results.forwarded).add(latency);
                            }
                        }
                        finishOne.run();
                    });
        }
        finishOne.run();
        if (!done.await(30, TimeUnit.SECONDS)) {
            System.out.println("- " + (outstanding.get()) + " requests still open 30 s after the last was sent");
        }
    }

    /** Waits until each instance holds at least one active partition of the user-activity store. */
    private static void awaitActivesOnBoth(HttpClient client, String target, int[] ports) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        long begin = System.nanoTime();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        while (true) {
            var instances = json.readTree(client.send(HttpRequest.newBuilder(URI.create(target + "/api/v1/instances"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body()).path("instances");
            int holding = 0;
            for (var instance : instances) {
                if (instance.path("stores").path("user-activity-1m").path("active").size() > 0) {
                    holding++;
                }
            }
            if (holding == ports.length) {
                System.out.printf("- both instances hold active partitions %.1f s after catching up%n",
                        (System.nanoTime() - begin) / 1e9);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("after 5 minutes only " + holding + " instance(s) hold active "
                        + "user-activity partitions");
            }
            Thread.sleep(1000); // polling interval, not synchronisation
        }
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

    /** User + system CPU time of a child process, in nanoseconds. */
    private static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void printThreadCpu(String title, Map<String, Long> before, Map<String, Long> after) {
        after.replaceAll((name, nanos) -> nanos - before.getOrDefault(name, 0L));
        System.out.println("- " + title + ": " + after.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue() / 1e9))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** CPU time of a child process's threads, summed by name with digits dropped (thread pools as one). */
    private static Map<String, Long> threadCpuNanos(Process process) throws IOException {
        return threadCpuNanos(process.pid());
    }

    /** CPU time of a process's threads (by pid), summed by name with digits dropped (thread pools as one). */
    static Map<String, Long> threadCpuNanos(long pid) throws IOException {
        Map<String, Long> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byName.merge(name, ticks * 10_000_000L, Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
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
