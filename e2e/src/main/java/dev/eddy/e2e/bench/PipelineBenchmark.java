package dev.eddy.e2e.bench;

import dev.eddy.e2e.faults.Flags;
import dev.eddy.e2e.pipeline.Pipeline;
import dev.eddy.e2e.pipeline.PipelineSettings;
import dev.eddy.launcher.services.EddyService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline benchmark (bench/pipeline/run.sh): the whole pipeline on this machine, the generator in real time.
 *
 * <ol>
 *   <li>Ramp: the generator's rate steps up ({@code --rates}), {@code --step-seconds} each. A rate is sustainable
 *   when the probes' append-to-queryable latency stays bounded over its step: the p99 of the step's second half
 *   below {@code --bound-seconds} and no probe left waiting longer than that at the step's end.</li>
 *   <li>Measure: at half the highest sustainable rate, {@code --measure-seconds} of probes (two per second), p50 and
 *   p99 from a click's append to its effect being queryable (aggregator API) and to its row being in the lake.</li>
 * </ol>
 */
public final class PipelineBenchmark {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = Flags.parse(args, List.of("--rates", "--step-seconds", "--measure-seconds",
                "--bound-seconds", "--roll-seconds", "--work-dir"));
        List<Integer> rates = Arrays.stream(flags.getOrDefault("--rates", "1000,2000,4000,8000,16000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Duration step = Duration.ofSeconds(Long.parseLong(flags.getOrDefault("--step-seconds", "120")));
        Duration measure = Duration.ofSeconds(Long.parseLong(flags.getOrDefault("--measure-seconds", "300")));
        long boundMillis = Long.parseLong(flags.getOrDefault("--bound-seconds", "10")) * 1000;
        Duration roll = Duration.ofSeconds(Long.parseLong(flags.getOrDefault("--roll-seconds", "10")));
        Path workDir = flags.containsKey("--work-dir") ? Path.of(flags.get("--work-dir"))
                : Files.createTempDirectory("eddy-bench-pipeline-");
        PipelineSettings settings = PipelineSettings.benchmark(PipelineSettings.findRepository(Path.of("")), workDir,
                rates.get(0), roll);
        System.out.printf("pipeline benchmark: rates %s, %d s per step, bound %d s, measure %d s, lake roll span %d s,"
                + " %d cores, work dir %s%n", rates, step.toSeconds(), boundMillis / 1000, measure.toSeconds(),
                roll.toSeconds(), Runtime.getRuntime().availableProcessors(), workDir);
        try (Pipeline pipeline = Pipeline.startBroker(settings)) {
            pipeline.start(EddyService.ENRICHER);
            pipeline.start(EddyService.AGGREGATOR);
            pipeline.start(EddyService.LAKE_WRITER);
            pipeline.start(EddyService.GENERATOR);
            String generator = pipeline.baseUrl(EddyService.GENERATOR);
            try (LatencyProbe probe = new LatencyProbe(pipeline.bootstrapServers(),
                    pipeline.baseUrl(EddyService.AGGREGATOR), pipeline.settings().lake())) {
                int sustainable = 0;
                for (int rate : rates) {
                    setRate(generator, rate);
                    probe.drain();
                    StepResult result = runStep(probe, step, boundMillis);
                    boolean bounded = result.secondHalfP99() >= 0 && result.secondHalfP99() < boundMillis
                            && result.oldestWaitingAtEnd() < boundMillis;
                    System.out.printf("rate %6d/s: queryable p50 %5d ms, p99 %5d ms (second half p99 %5d ms),"
                                    + " oldest waiting %5d ms -> %s%n", rate, result.p50(), result.p99(),
                            result.secondHalfP99(), result.oldestWaitingAtEnd(), bounded ? "bounded" : "NOT bounded");
                    if (!bounded) {
                        break;
                    }
                    sustainable = rate;
                }
                if (sustainable == 0) {
                    System.out.println("no rate was sustainable; lower --rates");
                    return;
                }
                int half = sustainable / 2;
                System.out.printf("sustainable: %d clicks/s; measuring at %d clicks/s%n", sustainable, half);
                setRate(generator, half);
                // Let the backlog of the faster step drain before measuring.
                runStep(probe, Duration.ofSeconds(Math.min(60, step.toSeconds())), boundMillis);
                probe.forgetWaiting();
                List<Long> api = new ArrayList<>();
                List<Long> lake = new ArrayList<>();
                Instant end = Instant.now().plus(measure);
                Instant nextProbe = Instant.now();
                Instant nextLakePoll = Instant.now();
                while (Instant.now().isBefore(end)) {
                    if (!Instant.now().isBefore(nextProbe)) {
                        probe.send();
                        nextProbe = nextProbe.plus(PROBE_INTERVAL);
                    }
                    probe.pollApi();
                    if (!Instant.now().isBefore(nextLakePoll)) {
                        probe.pollLake();
                        nextLakePoll = Instant.now().plusSeconds(1);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
                // Probes sent near the end still reach the lake: give them one roll span plus a margin.
                Instant drainEnd = Instant.now().plus(roll.multipliedBy(3));
                LatencyProbe.Latencies partial = probe.drain();
                api.addAll(partial.api());
                lake.addAll(partial.lake());
                while (Instant.now().isBefore(drainEnd) && partial.lakePending() > 0) {
                    probe.pollApi();
                    probe.pollLake();
                    partial = probe.drain();
                    api.addAll(partial.api());
                    lake.addAll(partial.lake());
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
                System.out.printf("at %d clicks/s over %d s: append -> queryable p50 %d ms, p99 %d ms (%d probes);"
                                + " append -> in the lake p50 %d ms, p99 %d ms (%d probes)%n", half, measure.toSeconds(),
                        LatencyProbe.Latencies.percentile(api, 50), LatencyProbe.Latencies.percentile(api, 99),
                        api.size(), LatencyProbe.Latencies.percentile(lake, 50),
                        LatencyProbe.Latencies.percentile(lake, 99), lake.size());
            }
        }
    }

    private record StepResult(long p50, long p99, long secondHalfP99, long oldestWaitingAtEnd) {
    }

    private static StepResult runStep(LatencyProbe probe, Duration length, long boundMillis) throws Exception {
        Instant start = Instant.now();
        Instant half = start.plus(length.dividedBy(2));
        Instant end = start.plus(length);
        Instant nextProbe = start;
        List<Long> all = new ArrayList<>();
        List<Long> secondHalf = new ArrayList<>();
        while (Instant.now().isBefore(end)) {
            if (!Instant.now().isBefore(nextProbe)) {
                probe.send();
                nextProbe = nextProbe.plus(PROBE_INTERVAL);
            }
            probe.pollApi();
            List<Long> latencies = probe.drain().api();
            all.addAll(latencies);
            if (Instant.now().isAfter(half)) {
                secondHalf.addAll(latencies);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return new StepResult(LatencyProbe.Latencies.percentile(all, 50), LatencyProbe.Latencies.percentile(all, 99),
                LatencyProbe.Latencies.percentile(secondHalf, 99), probe.oldestWaitingForApi());
    }

    private static void setRate(String generatorUrl, int rate) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(generatorUrl + "/api/v1/generator/rate"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"events_per_second\": " + rate + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the generator refused rate " + rate + ": " + response.body());
        }
    }
}
