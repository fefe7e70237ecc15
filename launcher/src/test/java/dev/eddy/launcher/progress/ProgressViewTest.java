package dev.eddy.launcher.progress;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressViewTest {

    private static final ProgressView.Header HEADER = new ProgressView.Header("127.0.0.1:9092", 6, "/repo/.eddy",
            "/repo/.eddy/lake", "/repo/.eddy/logs");

    @Test
    void showsWhereToLookAndEachStageWithRateTotalAndSource() {
        OffsetSnapshot before = new OffsetSnapshot(0, Map.of(new TopicPartition("clickstream", 0), 0L), Map.of());
        OffsetSnapshot after = new OffsetSnapshot(2_000, Map.of(new TopicPartition("clickstream", 0), 2_469L),
                Map.of("eddy-enricher", Map.of(new TopicPartition("clickstream", 0), 2_400L)));
        List<ServiceLine> services = List.of(new ServiceLine("generator", 4242, "ready", "http://127.0.0.1:8081",
                List.of("/q/health", "/q/metrics")));

        List<String> lines = ProgressView.render(HEADER, services, Progress.between(before, after),
                List.of("aggregator is not started: not built"));

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("generator", "ready", "http://127.0.0.1:8081", "4242", "/q/metrics"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("lake", "/repo/.eddy/lake"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("logs", "/repo/.eddy/logs"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .matches("\\s+generated\\s+1,234\\.5\\s+2,469\\s+clickstream"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("consumer lag", "eddy-enricher 69"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("! aggregator is not started"));
    }

    @Test
    void summaryIsOneLineWithEveryStage() {
        String summary = ProgressView.summary(Progress.of(new OffsetSnapshot(0,
                Map.of(new TopicPartition("clickstream.dlq", 0), 3L), Map.of())));

        assertThat(summary).doesNotContain("\n").contains("generated -/s (0)", "dead letters -/s (3)");
    }

    @Test
    void interactiveTerminalRedrawsInPlaceAndPipedOutputGetsSummariesAtIntervals() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveTerminal interactive = new LiveTerminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                Duration.ofSeconds(10));
        interactive.frame(List.of("a", "b"), "summary", 0);
        interactive.frame(List.of("c", "d"), "summary", 1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\033[Ja\nb\n\033[2F\033[Jc\nd\n");

        ByteArrayOutputStream narrow = new ByteArrayOutputStream();
        new LiveTerminal(new PrintStream(narrow, true, StandardCharsets.UTF_8), true, Duration.ofSeconds(10), 5)
                .frame(List.of("0123456789", "abc"), "summary", 0);
        assertThat(narrow.toString(StandardCharsets.UTF_8)).isEqualTo("\033[J0123\nabc\n");

        ByteArrayOutputStream piped = new ByteArrayOutputStream();
        LiveTerminal log = new LiveTerminal(new PrintStream(piped, true, StandardCharsets.UTF_8), false,
                Duration.ofSeconds(10));
        log.frame(List.of("a"), "first", 10_000);
        log.frame(List.of("a"), "too soon", 15_000);
        log.frame(List.of("a"), "second", 20_000);
        assertThat(piped.toString(StandardCharsets.UTF_8).lines()).containsExactly("first", "second");
    }
}
