package dev.eddy.e2e.bench;

import dev.eddy.e2e.check.AggregatorApi;
import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures end-to-end latency with probe clicks: an ordinary anonymous click on a page of its own
 * ({@code /bench-probe/<n>.html}), event time = now (the generator runs in real time, so it is on the stream's
 * clock). Its append time is the producer's acknowledgement; it is <em>queryable</em> when the aggregator's API
 * counts one view for its page, and <em>in the lake</em> when a committed Parquet file holds its row.
 */
final class LatencyProbe implements AutoCloseable {

    static final String PAGE_PREFIX = "/bench-probe/";

    /** Appended-at (ms) of probes still waiting, by probe number. */
    private final Map<Integer, Long> waitingForApi = new ConcurrentHashMap<>();
    private final Map<Integer, Long> waitingForLake = new ConcurrentHashMap<>();
    private final List<Long> apiLatencies = new ArrayList<>();
    private final List<Long> lakeLatencies = new ArrayList<>();
    private final Map<Integer, Long> eventTimes = new HashMap<>();
    private final KafkaProducer<String, Click> producer;
    private final AggregatorApi api;
    private final Path lake;
    private int next;

    LatencyProbe(String bootstrapServers, String aggregatorUrl, Path lake) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), EventSerdes.click().serializer());
        this.api = new AggregatorApi(aggregatorUrl);
        this.lake = lake;
    }

    /** Appends one probe and remembers when the broker acknowledged it. */
    void send() throws Exception {
        int n = next++;
        long now = System.currentTimeMillis();
        Click click = new Click("10.0.0.1", -1, "-", null, now, "GET " + PAGE_PREFIX + n + ".html HTTP/1.1", 200, 1,
                "-", "eddy-bench-probe", null, "bench-probe-" + n);
        producer.send(new ProducerRecord<>(Topics.CLICKS, null, now, "-1", click)).get();
        long appended = System.currentTimeMillis();
        eventTimes.put(n, now);
        waitingForApi.put(n, appended);
        waitingForLake.put(n, appended);
    }

    /** Asks the API about every probe still waiting; records the latency of those now counted. */
    void pollApi() {
        for (Iterator<Map.Entry<Integer, Long>> it = waitingForApi.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Long> probe = it.next();
            long eventTime = eventTimes.get(probe.getKey());
            try {
                Map<Long, Long> views = api.pageViews(PAGE_PREFIX + probe.getKey() + ".html", eventTime - 60_000,
                        eventTime);
                if (views.values().stream().mapToLong(Long::longValue).sum() >= 1) {
                    apiLatencies.add(System.currentTimeMillis() - probe.getValue());
                    it.remove();
                }
            } catch (RuntimeException unavailable) {
                // 503 while rebalancing: the probe simply is not queryable yet.
            }
        }
    }

    /** One SQL query over the lake for every probe row; records the latency of probes that appeared. */
    void pollLake() {
        if (waitingForLake.isEmpty()) {
            return;
        }
        String glob = lake.resolve("clickstream_enriched").toString() + "/**/*.parquet";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT page FROM read_parquet('" + glob
                     + "', hive_partitioning = true) WHERE starts_with(page, '" + PAGE_PREFIX + "')")) {
            long now = System.currentTimeMillis();
            while (rs.next()) {
                String page = rs.getString(1);
                int n = Integer.parseInt(page.substring(PAGE_PREFIX.length(), page.length() - ".html".length()));
                Long appended = waitingForLake.remove(n);
                if (appended != null) {
                    lakeLatencies.add(now - appended);
                }
            }
        } catch (SQLException noFilesYet) {
            // An empty lake has no file to read yet.
        }
    }

    /** Latencies measured since the last call, and forgets them. */
    Latencies drain() {
        Latencies latencies = new Latencies(List.copyOf(apiLatencies), List.copyOf(lakeLatencies),
                waitingForApi.size(), waitingForLake.size());
        apiLatencies.clear();
        lakeLatencies.clear();
        return latencies;
    }

    /** Stops waiting for the probes sent so far, so the next measurement counts only probes sent during it. */
    void forgetWaiting() {
        waitingForApi.clear();
        waitingForLake.clear();
        apiLatencies.clear();
        lakeLatencies.clear();
    }

    /** Oldest probe still not queryable, in ms (0 if none): grows without bound when the pipeline falls behind. */
    long oldestWaitingForApi() {
        long now = System.currentTimeMillis();
        return waitingForApi.values().stream().mapToLong(appended -> now - appended).max().orElse(0);
    }

    @Override
    public void close() {
        producer.close();
    }

    record Latencies(List<Long> api, List<Long> lake, int apiPending, int lakePending) {

        static long percentile(List<Long> values, double p) {
            if (values.isEmpty()) {
                return -1;
            }
            List<Long> sorted = values.stream().sorted().toList();
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }
    }
}
