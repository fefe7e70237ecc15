package dev.eddy.events;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHeadersTest {

    @Test
    void writesAndReadsBackEveryHeader() {
        EventFormatException error = new EventFormatException(EventFormatException.Kind.WRONG_TYPE, "status",
                "cannot read \"ok\" as int");

        DeadLetterHeaders written = DeadLetterHeaders.of(error, "clickstream", 4, 1234L, "enricher.deserialize");
        DeadLetterHeaders read = DeadLetterHeaders.readFrom(written.toHeaders()).orElseThrow();

        assertThat(read).isEqualTo(written);
        assertThat(read.errorClass()).isEqualTo(EventFormatException.class.getName());
        assertThat(read.errorMessage()).isEqualTo("status: cannot read \"ok\" as int");
        assertThat(read.reason()).isEqualTo("wrong_type");
    }

    @Test
    void reasonOfAnUnexpectedFailureIsProcessingError() {
        assertThat(DeadLetterHeaders.reasonOf(new IllegalStateException("boom"))).isEqualTo("processing_error");
        assertThat(DeadLetterHeaders.reasonOf(new RuntimeException("wrapped",
                new EventFormatException(EventFormatException.Kind.EMPTY, "$", "payload is empty"))))
                .isEqualTo("empty");
    }

    @Test
    void rewritingReplacesEarlierValues() {
        var headers = new RecordHeaders();
        DeadLetterHeaders.of(new IllegalStateException("first"), "a", 0, 1, "s1").writeTo(headers);
        DeadLetterHeaders.of(new IllegalStateException("second"), "b", 1, 2, "s2").writeTo(headers);

        assertThat(headers.headers(DeadLetterHeaders.STAGE)).hasSize(1);
        assertThat(DeadLetterHeaders.readFrom(headers).orElseThrow().errorMessage()).isEqualTo("second");
    }

    @Test
    void recordsWithoutHeadersAreNotDeadLetters() {
        assertThat(DeadLetterHeaders.readFrom(new RecordHeaders())).isEmpty();
    }
}
