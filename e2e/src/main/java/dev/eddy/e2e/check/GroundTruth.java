package dev.eddy.e2e.check;

import dev.eddy.e2e.pipeline.TopicReader;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the generator knows it emitted: page views per page per minute and every session of a registered user,
 * read from its truth topics once the bounded run is done.
 */
public record GroundTruth(Map<PageMinute, Long> pageViews, Map<Integer, Set<SessionSummary>> sessionsByUser) {

    public static GroundTruth read(String bootstrapServers) {
        Map<PageMinute, Long> views = new TreeMap<>();
        var pageSerde = EventSerdes.pageViewsWindow().deserializer();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(bootstrapServers, Topics.TRUTH_PAGE_VIEWS)) {
            PageViewsWindow window = pageSerde.deserialize(record.topic(), record.value());
            Long previous = views.put(new PageMinute(window.page(), window.windowStart()), window.views());
            if (previous != null) {
                throw new IllegalStateException("the truth holds window " + window + " twice");
            }
        }
        var sessionSerde = EventSerdes.sessionSummary().deserializer();
        List<SessionSummary> sessions = TopicReader.readAll(bootstrapServers, Topics.TRUTH_SESSIONS).stream()
                .map(record -> sessionSerde.deserialize(record.topic(), record.value())).toList();
        Map<Integer, Set<SessionSummary>> byUser = sessions.stream().collect(Collectors.groupingBy(
                SessionSummary::userId, TreeMap::new,
                Collectors.toCollection(() -> new TreeSet<>(Sessions.ORDER))));
        return new GroundTruth(Map.copyOf(views), byUser);
    }

    public long clicks() {
        return pageViews.values().stream().mapToLong(Long::longValue).sum();
    }

    public int sessionCount() {
        return sessionsByUser.values().stream().mapToInt(Set::size).sum();
    }

    public long firstWindow() {
        return pageViews.keySet().stream().mapToLong(PageMinute::windowStart).min().orElseThrow();
    }

    public long lastWindow() {
        return pageViews.keySet().stream().mapToLong(PageMinute::windowStart).max().orElseThrow();
    }

    public Set<String> pages() {
        return pageViews.keySet().stream().map(PageMinute::page).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Clicks per minute window over all pages. */
    public Map<Long, Long> clicksPerMinute() {
        return pageViews.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().windowStart(),
                TreeMap::new, Collectors.summingLong(Map.Entry::getValue)));
    }
}
