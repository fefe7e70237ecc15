package dev.eddy.enricher;

import dev.eddy.events.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.eddy.enricher.TestRecords.bytes;

/**
 * A deterministic batch of input for the broker tests: users, clicks in both Eddy's and Datagen's shape, reference
 * data, and malformed records of every kind mixed in. Every click has a unique {@code _time}, so the output can be
 * checked for duplicates whether or not the click carries an event id.
 */
public final class TestBatch {

    public static final String[] IPS = {"111.152.45.45", "222.245.174.248", "122.152.45.245", "233.173.215.103"};

    public final List<ProducerRecord<byte[], byte[]>> statusCodes = new ArrayList<>();
    public final List<ProducerRecord<byte[], byte[]>> users = new ArrayList<>();
    public final List<ProducerRecord<byte[], byte[]>> clicks = new ArrayList<>();
    /** The {@code _time} of every good click: each must appear exactly once in the enriched topic. */
    public final Set<Long> goodClickTimes = new HashSet<>();
    public int badClicks;
    public int badUsers;
    public int badStatusCodes;

    private TestBatch() {
    }

    /**
     * @param t0       event time of the first click; users are valid from an hour before. Brokers reject timestamps
     *                 more than an hour in the future, so broker tests pass a recent past time.
     * @param badEvery one click in this many is malformed (rotating through the kinds)
     */
    public static TestBatch generate(long seed, long t0, int userCount, int clickCount, int badEvery) {
        TestBatch batch = new TestBatch();
        Random random = new Random(seed);
        batch.addStatusCodes(t0);
        for (int id = 1; id <= userCount; id++) {
            batch.users.add(record(Topics.USERS, t0 - 3_600_000L, bytes(Integer.toString(id)),
                    bytes(TestRecords.user(id, "user" + id, "London", "Silver"))));
        }
        batch.users.add(record(Topics.USERS, t0, bytes("5"), bytes(TestRecords.user(6, "wrong", "Paris", "Gold"))));
        batch.users.add(record(Topics.USERS, t0, null, bytes(TestRecords.user(7, "nokey", "Paris", "Gold"))));
        batch.users.add(record(Topics.USERS, t0, bytes("8"), bytes("{\"user_id\":8,")));
        batch.badUsers = 3;
        for (int i = 0; i < clickCount; i++) {
            long time = t0 + i * 10L;
            if (i % badEvery == badEvery - 1) {
                batch.clicks.add(badClick(i, time));
                batch.badClicks++;
                continue;
            }
            int userId = random.nextInt(userCount + 5) - 1;   // -1 anonymous, beyond userCount unknown
            if (random.nextInt(4) == 0) {
                String ip = IPS[random.nextInt(IPS.length)];
                batch.clicks.add(record(Topics.CLICKS, time, bytes(ip),
                        bytes(TestRecords.datagenClick(ip, userId, time, "404", TestRecords.GOOGLEBOT))));
            } else {
                batch.clicks.add(record(Topics.CLICKS, time, bytes(Integer.toString(userId)),
                        bytes(TestRecords.click("e-" + i, userId, time))));
            }
            batch.goodClickTimes.add(time);
        }
        return batch;
    }

    private void addStatusCodes(long t0) {
        int[] codes = {200, 302, 404, 405, 406, 407};
        String[] texts = {"Successful", "Redirect", "Page not found", "Method not allowed", "Not acceptable",
                "Proxy authentication required"};
        for (int i = 0; i < codes.length; i++) {
            statusCodes.add(record(Topics.STATUS_CODES, t0, bytes(Integer.toString(codes[i])),
                    bytes(TestRecords.statusCode(codes[i], texts[i]))));
        }
        statusCodes.add(record(Topics.STATUS_CODES, t0, bytes("500"), bytes("{\"code\":500,\"definition\":")));
        statusCodes.add(record(Topics.STATUS_CODES, t0, null, bytes(TestRecords.statusCode(501, "Not implemented"))));
        badStatusCodes = 2;
    }

    private static ProducerRecord<byte[], byte[]> badClick(int i, long time) {
        String good = TestRecords.click("bad-" + i, 1, time);
        byte[] key = bytes("1");
        byte[] value = switch ((i / 7) % 6) {
            case 0 -> bytes(good.substring(0, good.length() / 2));
            case 1 -> bytes(good.replace("\"status\":200", "\"status\":\"abc\""));
            case 2 -> bytes(good.replace("\"request\":\"GET /index.html HTTP/1.1\",", ""));
            case 3 -> new byte[0];
            case 4 -> {
                key = null;
                yield bytes(good);
            }
            default -> bytes(good.replace("GET /index.html HTTP/1.1", "not a request line"));
        };
        return record(Topics.CLICKS, time, key, value);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, long time, byte[] key, byte[] value) {
        return new ProducerRecord<>(topic, null, time, key, value, Collections.emptyList());
    }
}
