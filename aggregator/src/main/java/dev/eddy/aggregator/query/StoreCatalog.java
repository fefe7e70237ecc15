package dev.eddy.aggregator.query;

import dev.eddy.aggregator.streams.StoreNames;
import dev.eddy.events.Topics;

import java.util.Map;

/**
 * Which input topic each store's tasks read: partitions of that topic are the store's partitions. Stores behind a
 * repartition step read {@code <application.id>-<name>-repartition}.
 */
public final class StoreCatalog {

    private final Map<String, String> sourceTopics;

    public StoreCatalog(String applicationId) {
        this.sourceTopics = Map.of(
                StoreNames.USER_ACTIVITY, Topics.ENRICHED,
                StoreNames.SESSIONS, Topics.ENRICHED,
                StoreNames.PAGE_VIEWS_1M, repartitionTopic(applicationId, StoreNames.BY_PAGE_1M),
                StoreNames.PAGE_VIEWS_5M, repartitionTopic(applicationId, StoreNames.BY_PAGE_5M),
                StoreNames.ERRORS, repartitionTopic(applicationId, StoreNames.BY_STATUS),
                StoreNames.SEGMENTS, repartitionTopic(applicationId, StoreNames.BY_SEGMENT));
    }

    public String sourceTopic(String store) {
        String topic = sourceTopics.get(store);
        if (topic == null) {
            throw new IllegalArgumentException("unknown store " + store);
        }
        return topic;
    }

    private static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }
}
