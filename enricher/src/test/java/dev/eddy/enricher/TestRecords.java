package dev.eddy.enricher;

import java.nio.charset.StandardCharsets;

/**
 * Literal JSON payloads shaped like Eddy's generator output and like Confluent Datagen's clickstream quickstart, for
 * tests. Deterministic: the same arguments give the same bytes.
 */
public final class TestRecords {

    public static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/59.0.3071.115 Safari/537.36";
    public static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private TestRecords() {
    }

    /** A click as Eddy's generator writes it: numbers as numbers, with an event id. */
    public static String click(String eventId, int userId, long eventTime, String request, int status) {
        return """
                {"ip":"122.152.45.245","userid":%d,"remote_user":"-","time":"21/Nov/2026:21:00:00 +0000",\
                "_time":%d,"request":"%s","status":%d,"bytes":4096,"referrer":"-","agent":"%s",\
                "session_id":"s-%d","event_id":"%s"}""".formatted(userId, eventTime, request, status, CHROME, userId,
                eventId);
    }

    public static String click(String eventId, int userId, long eventTime) {
        return click(eventId, userId, eventTime, "GET /index.html HTTP/1.1", 200);
    }

    /** A click as the real Datagen connector writes it (JSON converter): status and bytes as strings, no event id. */
    public static String datagenClick(String ip, int userId, long eventTime, String status, String agent) {
        return """
                {"ip":"%s","userid":%d,"remote_user":"-","time":"21/Nov/2026:21:00:00 +0000","_time":%d,\
                "request":"GET /site/user_status.html HTTP/1.1","status":"%s","bytes":"1289","referrer":"-",\
                "agent":"%s"}""".formatted(ip, userId, eventTime, status, agent);
    }

    public static String user(int userId, String username, String city, String level) {
        return """
                {"user_id":%d,"username":"%s","registered_at":1407645330000,"first_name":"Greta",\
                "last_name":"Garrity","city":"%s","level":"%s"}""".formatted(userId, username, city, level);
    }

    public static String statusCode(int code, String definition) {
        return "{\"code\":%d,\"definition\":\"%s\"}".formatted(code, definition);
    }

    public static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
