package dev.eddy.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickCodecTest {

    private final JsonCodec<Click> codec = new JsonCodec<>(Click.class);

    private static Click aClick() {
        return new Click("111.152.45.45", 7, "-", "21/Nov/2026:21:46:14 +0000", 1_795_297_574_000L,
                "GET /site/login.html HTTP/1.1", 200, 4096, "-",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/59.0.3071.115 Safari/537.36",
                "s-7-1", "42-17");
    }

    @Test
    void roundTripKeepsEveryField() {
        Click click = aClick();
        assertThat(codec.decode(codec.encode(click))).isEqualTo(click);
    }

    @Test
    void writesDatagenFieldNames() {
        String json = codec.encodeToString(aClick());
        assertThat(json).startsWith("{\"ip\":\"111.152.45.45\",\"userid\":7,\"remote_user\":\"-\",\"time\":")
                .contains("\"_time\":1795297574000", "\"request\":\"GET /site/login.html HTTP/1.1\"",
                        "\"status\":200", "\"bytes\":4096", "\"session_id\":\"s-7-1\"", "\"event_id\":\"42-17\"");
    }

    @Test
    void writesTheContractsFieldsAndNothingElse() throws Exception {
        for (Click click : List.of(aClick(), new Click(null, Click.ANONYMOUS_USER_ID, null, null, 1L, "GET / HTTP/1.1",
                404, 0, null, null, null, null))) {
            List<String> names = new ArrayList<>();
            new ObjectMapper().readTree(codec.encode(click)).fieldNames().forEachRemaining(names::add);
            assertThat(names).as("fields of %s", click).isSubsetOf("ip", "userid", "remote_user", "time", "_time",
                    "request", "status", "bytes", "referrer", "agent", "session_id", "event_id");
        }
    }

    @Test
    void readsARecordWrittenByTheDatagenConnector() {
        // As Datagen's JSON converter writes it (schemas disabled): status and bytes are strings, no Eddy fields.
        String datagen = "{\"ip\":\"222.245.174.248\",\"userid\":-1,\"remote_user\":\"-\","
                + "\"time\":\"21/Nov/2026:21:46:14 +0000\",\"_time\":1795297574000,"
                + "\"request\":\"GET /images/logo-small.png HTTP/1.1\",\"status\":\"404\",\"bytes\":\"14096\","
                + "\"referrer\":\"-\",\"agent\":\"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\"}";

        Click click = codec.decode(datagen);

        assertThat(click.status()).isEqualTo(404);
        assertThat(click.bytes()).isEqualTo(14096);
        assertThat(click.isAnonymous()).isTrue();
        assertThat(click.key()).isEqualTo("-1");
        assertThat(click.sessionId()).isNull();
        assertThat(click.eventId()).isNull();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = "{\"userid\":3,\"_time\":1,\"request\":\"GET / HTTP/1.1\",\"status\":200,\"bytes\":1,\"new_field\":[1,2]}";
        assertThat(codec.decode(json).userId()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing userid    | {\"_time\":1,\"request\":\"GET / HTTP/1.1\",\"status\":200,\"bytes\":1}                   | MISSING_FIELD | userid",
        "missing request   | {\"userid\":1,\"_time\":1,\"status\":200,\"bytes\":1}                                   | MISSING_FIELD | request",
        "null status       | {\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":null,\"bytes\":1}               | MISSING_FIELD | status",
        "text status       | {\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":\"ok\",\"bytes\":1}             | WRONG_TYPE    | status",
        "fraction status   | {\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":200.5,\"bytes\":1}              | WRONG_TYPE    | status",
        "object userid     | {\"userid\":{},\"_time\":1,\"request\":\"GET /\",\"status\":200,\"bytes\":1}             | WRONG_TYPE    | userid",
        "status too big    | {\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":1234,\"bytes\":1}               | INVALID_VALUE | status",
        "negative bytes    | {\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":200,\"bytes\":-5}   | INVALID_VALUE | bytes",
        "blank request     | {\"userid\":1,\"_time\":1,\"request\":\" \",\"status\":200,\"bytes\":1}                  | INVALID_VALUE | request",
        "zero time         | {\"userid\":1,\"_time\":0,\"request\":\"GET /\",\"status\":200,\"bytes\":1}              | INVALID_VALUE | _time",
        "userid below -1   | {\"userid\":-2,\"_time\":1,\"request\":\"GET /\",\"status\":200,\"bytes\":1}             | INVALID_VALUE | userid",
        "truncated json    | {\"userid\":1,\"_time\":1,                                                    | MALFORMED_JSON | $",
        "not an object     | [1,2,3]                                                                       | WRONG_TYPE    | $",
        "trailing garbage  | {\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":200,\"bytes\":1} x              | MALFORMED_JSON | $",
        "duplicate field   | {\"userid\":1,\"userid\":2,\"_time\":1,\"request\":\"GET /\",\"status\":200,\"bytes\":1} | MALFORMED_JSON | $",
    })
    void rejectsMalformedPayloadsNamingTheField(String description, String json, EventFormatException.Kind kind,
                                                String field) {
        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOfSatisfying(EventFormatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] payload = "{\"userid\":1,\"_time\":1,\"request\":\"GET /\",\"status\":200,\"bytes\":1,\"ip\":\"X\"}"
                .getBytes(StandardCharsets.UTF_8);
        payload[payload.length - 3] = (byte) 0xC3; // a lead byte followed by '"' is not UTF-8
        assertThatThrownBy(() -> codec.decode(payload))
                .isInstanceOfSatisfying(EventFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.MALFORMED_JSON));
    }

    @Test
    void rejectsEmptyAndNullPayloads() {
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOfSatisfying(EventFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.EMPTY));
        assertThatThrownBy(() -> codec.decode("null"))
                .isInstanceOfSatisfying(EventFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(EventFormatException.Kind.EMPTY));
    }

    @Test
    void isAKafkaSerializationExceptionSoStreamsHandlersSeeIt() {
        assertThatThrownBy(() -> codec.decode("{"))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }
}
