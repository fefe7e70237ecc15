package dev.eddy.aggregator.bench;

import dev.eddy.aggregator.config.WindowSettings;
import dev.eddy.aggregator.streams.AggregatorMetrics;
import dev.eddy.aggregator.streams.AggregatorTopology;
import dev.eddy.aggregator.streams.StoreNames;
import dev.eddy.aggregator.streams.TopologyOptions;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import dev.eddy.testing.KafkaBroker;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Throughput of the shipped topology with every window active under exactly_once_v2, then query latency against two
 * packaged instances (see run.sh). Prints a Markdown-ready summary.
 */
public final class AggregatorBenchmark {

    static final int USERS = 2000;
    static final List<String> PAGES = List.of("/index.html", "/site/login.html", "/site/user_status.html",
            "/images/track.png", "/images/logo-small.png", "/products/1", "/products/2", "/products/3", "/cart",
            "/checkout", "/search", "/help");
    static final List<String> CITIES = List.of("Palo Alto", "San Francisco", "Raleigh", "London", "Frankfurt",
            "New York");
    static final List<String> LEVELS = List.of("Gold", "Silver", "Platinum");

    public static void main(String[] args) throws Exception {
        quietLogging();
        int clicks = Integer.getInteger("bench.clicks", 1_000_000);
        int threads = Integer.getInteger("bench.threads", 2); // as the application ships
        int partitions = Integer.getInteger("bench.partitions", 6);
        int rate = Integer.getInteger("bench.rate", 2000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int minutes = Integer.getInteger("bench.minutes", 40);
        String jar = System.getProperty("bench.jar");

        try (KafkaBroker broker = KafkaBrokers.startNew(); KafkaTestClient kafka = new KafkaTestClient(broker)) {
            kafka.createTopic(Topics.ENRICHED, partitions);
            for (String topic : List.of(Topics.DEAD_LETTERS, Topics.LATE_EVENTS, Topics.USER_ACTIVITY_1M,
                    Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS, Topics.ERRORS_1M,
                    Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS)) {
                kafka.createTopic(topic, partitions);
            }
            // Event time: 'clicks' spread over 'minutes' ending now, in order (1M over 40 min: a site at ~400
            // clicks/s). Keep ~25k clicks per minute: replayed as a backlog, upstream tasks feed the repartition
            // topics a poll batch at a time, and a sparser timeline would make that skew exceed the 1-minute grace.
            long end = System.currentTimeMillis();
            long start = end - Duration.ofMinutes(minutes).toMillis();
            System.out.printf("producing %,d enriched clicks to %d partitions...%n", clicks, partitions);
            produce(broker.bootstrapServers(), clicks, start, end);

            if (!Boolean.getBoolean("bench.skip-throughput")) {
                report(measureThroughput(broker, clicks, threads, partitions), clicks, threads, partitions);
            }


            if (jar != null && !Boolean.getBoolean("bench.skip-query")) {
                System.out.println();
                System.out.println("## Query latency (key lookups, open loop at " + rate + " req/s for " + seconds
                        + " s, two packaged instances, loopback)");
                try {
                    QueryLatency.run(broker.bootstrapServers(), Path.of(jar), clicks, rate, seconds, start, end);
                } catch (Throwable e) {
                    // Print before the broker closes: a broker shutdown error may end the JVM.
                    e.printStackTrace(System.out);
                    System.out.flush();
                    throw e;
                }
            }
        }
    }

    /**
     * Outside Quarkus the JBoss log manager starts with every logger enabled down to TRACE, and Kafka's clients and
     * the embedded broker then format every record and request into log messages that no handler prints: a profile
     * showed a third of the stream thread's CPU in that. Only warnings and errors are wanted here.
     */
    private static void quietLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        if (root.getHandlers().length == 0) {
            root.addHandler(new java.util.logging.ConsoleHandler());
        }
    }

    /**
     * @param streamCpuSeconds CPU time of the stream threads while catching up (the aggregator's own work, which
     *                         other processes on a shared machine do not inflate the way they inflate wall time)
     * @param processCpuSeconds CPU time of this whole JVM in the same interval: stream threads, their producers and
     *                          consumers, and the embedded broker
     */
    record Throughput(double seconds, double steadyRate, double late, double recordsIn, double streamCpuSeconds,
                      double processCpuSeconds, Map<String, Long> threadCpuNanos) {
    }

    private static void report(Throughput throughput, int clicks, int threads, int partitions) {
        System.out.println();
        System.out.println("## Throughput (all windows, exactly_once_v2)");
        System.out.printf("- %,d events in %.1f s = **%,.0f events/s** (%d stream thread(s), %d partitions)%n",
                clicks, throughput.seconds(), clicks / throughput.seconds(), threads, partitions);
        System.out.printf("- steady state (from a fifth of the input read until caught up): **%,.0f events/s**%n",
                throughput.steadyRate());
        System.out.printf("- late records routed: %,.0f; records in: %,.0f%n", throughput.late(),
                throughput.recordsIn());
        System.out.printf("- CPU per event: stream threads %.1f µs, whole JVM (clients + broker) %.1f µs%n",
                throughput.streamCpuSeconds() * 1e6 / clicks, throughput.processCpuSeconds() * 1e6 / clicks);
        System.out.println("- CPU per event by thread (names as the OS has them, digits dropped): "
                + throughput.threadCpuNanos().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .map(e -> String.format("%s %.1f µs", e.getKey(), e.getValue() / 1e3 / clicks))
                .collect(Collectors.joining(", ")));
        System.out.flush();
    }

    private static Throughput measureThroughput(KafkaBroker broker, int clicks, int threads, int partitions)
            throws Exception {
        String applicationId = "bench-throughput-" + System.nanoTime();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-aggregator").toString());
        props.put("max.partition.fetch.bytes", 131072); // as in the application's settings
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000); // as in the application's settings
        // Any other Kafka Streams setting to try: -Dbench.streams.<name>=<value>, e.g. -Dbench.streams.commit.interval.ms=1000
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.streams."))
                .forEach(name -> props.put(name.substring("bench.streams.".length()), System.getProperty(name)));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaStreams streams = new KafkaStreams(AggregatorTopology.build(WindowSettings.defaults(),
                TopologyOptions.of(partitions, TopologyOptions.DEFAULT_FLUSH_INTERVAL),
                new AggregatorMetrics(registry)), props);
        streams.start();
        // The clock starts at the first record processed (after group join and topic creation).
        long begin = 0;
        long streamCpuBegin = 0;
        long processCpuBegin = 0;
        Map<String, Long> threadsBegin = Map.of();
        // Steady state: from the moment a fifth of the input was read (JIT, group join and first commits behind us).
        long steadyBegin = 0;
        double steadyRecordsBegin = 0;
        var recordsIn = registry.find("eddy.aggregator.records.in").counter();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
            while (begin == 0 || !caughtUp(admin, applicationId)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("not caught up within 30 minutes");
                }
                if (begin == 0 && recordsIn.count() > 0) {
                    begin = System.nanoTime();
                    streamCpuBegin = streamThreadsCpuNanos();
                    processCpuBegin = processCpuNanos();
                    threadsBegin = QueryLatency.threadCpuNanos(ProcessHandle.current().pid());
                }
                if (begin != 0 && steadyBegin == 0 && recordsIn.count() >= clicks / 5.0) {
                    steadyBegin = System.nanoTime();
                    steadyRecordsBegin = recordsIn.count();
                }
                Thread.sleep(begin == 0 ? 5 : 250); // polling interval of a measurement loop, not synchronisation
            }
        }
        long end = System.nanoTime();
        double elapsed = (end - begin) / 1e9;
        // (A run so short that a fifth of it was never seen between two polls has no steady state: NaN.)
        double steadyRate = steadyBegin == 0 ? Double.NaN
                : (clicks - steadyRecordsBegin) / ((end - steadyBegin) / 1e9);
        double streamCpu = (streamThreadsCpuNanos() - streamCpuBegin) / 1e9;
        double processCpu = (processCpuNanos() - processCpuBegin) / 1e9;
        Map<String, Long> threadCpu = QueryLatency.threadCpuNanos(ProcessHandle.current().pid());
        Map<String, Long> threadCpuBegin = threadsBegin;
        threadCpu.replaceAll((name, nanos) -> nanos - threadCpuBegin.getOrDefault(name, 0L));
        double late = registry.find("eddy.aggregator.late.records").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        double in = registry.find("eddy.aggregator.records.in").counter().count();
        streams.close(Duration.ofSeconds(30));
        if (in < clicks) {
            throw new IllegalStateException("only " + in + " of " + clicks + " records were read");
        }
        return new Throughput(elapsed, steadyRate, late, in, streamCpu, processCpu, threadCpu);
    }

    /** Sum of the CPU time of Kafka Streams' stream threads (names contain "-StreamThread-"). */
    private static long streamThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** True when the group has committed the end of the input topic and of every repartition topic. */
    static boolean caughtUp(Admin admin, String applicationId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Set<String> topics = new java.util.HashSet<>(Set.of(Topics.ENRICHED));
        StoreNames.REPARTITIONS.forEach(name -> topics.add(applicationId + "-" + name + "-repartition"));
        Set<String> seen = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        if (!seen.containsAll(topics)) {
            return false;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().stream().filter(tp -> topics.contains(tp.topic()))
                .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                && committed.get(e.getKey()).offset() >= e.getValue().offset());
    }

    private static void produce(String bootstrap, int clicks, long start, long end) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        Random random = new Random(42);
        var serde = EventSerdes.enrichedClick();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < clicks; i++) {
                long time = start + (end - start) * i / clicks;
                EnrichedClick click = click(random, time);
                producer.send(new ProducerRecord<>(Topics.ENRICHED, null, time, click.key(),
                        serde.serialize(Topics.ENRICHED, click)));
            }
            producer.flush();
        }
    }

    static EnrichedClick click(Random random, long time) {
        int user = random.nextInt(20) == 0 ? -1 : random.nextInt(USERS);
        String page = PAGES.get(Math.min(PAGES.size() - 1, (int) Math.abs(random.nextGaussian() * 3)));
        int roll = random.nextInt(100);
        int status = roll < 80 ? 200 : roll < 88 ? 302 : roll < 96 ? 404 : roll < 98 ? 405 : 500;
        boolean known = user >= 0 && user % 10 != 0;
        String city = known ? CITIES.get(user % CITIES.size()) : null;
        String level = known ? LEVELS.get(user % LEVELS.size()) : null;
        return new EnrichedClick("e" + time + "-" + random.nextInt(), null, "111.1.1.1", user, "-", null, time,
                "GET " + page + " HTTP/1.1", "GET", page, status, status >= 400 ? "Error" : "OK", status >= 400, 1289,
                "-", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/59.0", false, known,
                known ? "user" + user : null, known ? "First" : null, known ? "Last" : null, city, level,
                known ? 1_500_000_000_000L : null);
    }
}
