package dev.eddy.aggregator.streams;

import org.apache.kafka.common.config.TopicConfig;

import java.util.Map;

/**
 * Topic settings for the changelogs of the windowed and session stores.
 *
 * <p>Kafka Streams gives these changelogs time-based retention (store retention plus one day) and writes each
 * change with the timestamp of the click that caused it, i.e. its event time. When the clicks are older than that
 * retention - a backfill, a replay, a run dated in the past - the broker deletes every rolled changelog segment at its
 * next retention check while the store still holds and counts those windows. Nothing shows until the state is
 * restored (a crash, a rebalance, a new instance): then the counts of the deleted segments are gone for good, and the
 * input offsets that fed them are already committed. The fault-injection run found exactly this (one click missing
 * after an aggregator kill). Stamping changelog records with the broker's append time makes the changelog expire by
 * wall-clock time, after the store itself has dropped the windows.
 *
 * <p>What this costs: a window restored from the changelog carries its append time instead of its last click's time
 * in Kafka Streams' value-and-timestamp (it only sets the record timestamp of a final result; window start and end
 * are in the value). Existing changelog topics keep their old settings: change them with {@code kafka-configs} or
 * reset the application (docs/aggregator.md).
 */
final class ChangelogTopics {

    static final Map<String, String> WINDOWED = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private ChangelogTopics() {
    }
}
