package dev.eddy.aggregator.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.eddy.aggregator.support.TestClicks.T0;
import static dev.eddy.aggregator.support.TestClicks.click;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka Streams revives a corrupted task (after an aborted transaction) by initialising the same processor objects
 * again on the state restored to the last commit, then replays the input from there. A pre-aggregator must then
 * count from its store alone, or the clicks counted since the last commit are sent twice.
 */
class PreAggregatorReviveTest {

    private static final Dimension PAGES = new Dimension(StoreNames.PAGE_VIEWS_1M, StoreNames.BY_PAGE_1M,
            TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)), click -> click.page(), false);

    @Test
    void aRevivedTaskCountsTheReplayedClicksOnce() {
        PreAggregator processor = new PreAggregator(PAGES, Duration.ofMillis(100),
                new AggregatorMetrics(new SimpleMeterRegistry()));

        // 1. Two clicks are counted, then the transaction holding them aborts: nothing of it was committed.
        MockProcessorContext<String, PreAggregated> first = context();
        processor.init(first);
        processor.process(new Record<>("7", click(7, T0 + 1_000, "/a"), T0 + 1_000));
        processor.process(new Record<>("8", click(8, T0 + 2_000, "/a"), T0 + 2_000));

        // 2. Revived on the committed (empty) state, the task replays the same two clicks and flushes.
        MockProcessorContext<String, PreAggregated> revived = context();
        processor.init(revived);
        processor.process(new Record<>("7", click(7, T0 + 1_000, "/a"), T0 + 1_000));
        processor.process(new Record<>("8", click(8, T0 + 2_000, "/a"), T0 + 2_000));
        revived.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 3_000);

        List<Contribution> partials = revived.forwarded().stream().map(f -> f.record().value().contribution())
                .filter(c -> c != null && !c.watermark()).toList();
        assertThat(partials).hasSize(1);
        assertThat(partials.get(0).events()).as("clicks of page /a in the first minute").isEqualTo(2);
    }

    private static MockProcessorContext<String, PreAggregated> context() {
        MockProcessorContext<String, PreAggregated> context = new MockProcessorContext<>();
        KeyValueStore<String, Contribution> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(PAGES.pendingStore()), Serdes.String(), new ContributionSerde())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return context;
    }
}
