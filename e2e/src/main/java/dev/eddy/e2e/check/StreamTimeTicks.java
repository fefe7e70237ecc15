package dev.eddy.e2e.check;

import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Moves stream time past the end of a bounded run, so the aggregator closes its last windows and sessions and writes
 * their final results (which the lake then holds).
 *
 * <p>A window closes only when stream time, the largest event time a task has seen, passes its end plus grace, and
 * stream time is per task. So a tick is one click far after the run on <em>every</em> partition of
 * {@code clickstream} (user ids chosen by the producer's hash, so each enriched partition, which feeds the session
 * windows, gets one) and with a page on every partition of the by-page repartition topic. Ticks are ordinary clicks
 * of unknown users on pages under {@link #PAGE_PREFIX}: they are counted as input and in the lake like any click,
 * and the comparisons with the ground truth leave those users and pages out. Kafka Streams looks for closed windows
 * at most once per wall-clock second, on a record's arrival, so callers send waves until the results are there.
 */
public final class StreamTimeTicks implements AutoCloseable {

    public static final String PAGE_PREFIX = "/e2e-tick/";
    public static final int FIRST_USER = 1_000_000;

    private final KafkaProducer<String, Click> producer;
    private final List<Integer> users = new ArrayList<>();
    private final List<String> pages = new ArrayList<>();
    private final long baseTime;
    private int sent;

    /** @param baseTime event time of the first wave: beyond every session end + gap + grace of the run */
    public StreamTimeTicks(String bootstrapServers, int partitions, long baseTime) {
        this.baseTime = baseTime;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), EventSerdes.click().serializer());
        for (int partition = 0; partition < partitions; partition++) {
            users.add(firstMatching(partition, partitions, n -> Integer.toString(FIRST_USER + n)) + FIRST_USER);
            int page = firstMatching(partition, partitions, n -> PAGE_PREFIX + n + ".html");
            pages.add(PAGE_PREFIX + page + ".html");
        }
    }

    private interface Key {
        String of(int n);
    }

    private static int firstMatching(int partition, int partitions, Key key) {
        for (int n = 0; ; n++) {
            byte[] bytes = key.of(n).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(bytes)) % partitions == partition) {
                return n;
            }
        }
    }

    /** Sends one tick per partition, each a millisecond after the previous wave; returns the ticks sent so far. */
    public int sendWave() {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            long time = baseTime + sent;
            int user = users.get(i);
            Click tick = new Click("127.0.0.1", user, "-", null, time, "GET " + pages.get(i) + " HTTP/1.1", 200, 1,
                    "-", "eddy-e2e", null, "e2e-tick-" + sent);
            acks.add(producer.send(new ProducerRecord<>(Topics.CLICKS, null, time, Integer.toString(user), tick)));
            sent++;
        }
        producer.flush();
        try {
            for (var ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a tick was not acknowledged", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sent;
    }

    public int sent() {
        return sent;
    }

    public static boolean isTickUser(int userId) {
        return userId >= FIRST_USER;
    }

    @Override
    public void close() {
        producer.close();
    }
}
