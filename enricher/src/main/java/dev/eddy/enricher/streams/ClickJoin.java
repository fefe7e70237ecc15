package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.enricher.model.ClickEnrichment;
import dev.eddy.events.Click;
import dev.eddy.events.RequestLine;
import dev.eddy.events.StatusCode;
import dev.eddy.events.User;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * Turns one good click into the bytes of its {@code clickstream.enriched} value: the user as they were at the click's
 * event time (versioned store, KIP-889), the status code's reference entry (global table), the derived fields, encoded
 * by {@link EnrichedClickSerializer}. Counts the click as a join hit or a miss by cause. This is what the DSL's two
 * LEFT JOINs did, read straight from the two stores so that a click costs one processor node, not one per step.
 */
final class ClickJoin {

    private final VersionedKeyValueStore<byte[], User> users;
    private final LatestUsers latestUsers;
    private final RecentStatusCodes statusCodes;
    private final EnrichedClickSerializer encoder = new EnrichedClickSerializer();
    private final EnricherMetrics.ClickCounts counts;

    /**
     * @param users       the users table's versioned store, keyed by the user id's raw key bytes
     * @param latestUsers the latest versions of recently read users, in front of {@code users}
     * @param statusCodes the status-code entries of the global table, as this processor last read them
     * @param counts      the processor's counts, for the join's outcome
     */
    ClickJoin(VersionedKeyValueStore<byte[], User> users, LatestUsers latestUsers, RecentStatusCodes statusCodes,
              EnricherMetrics.ClickCounts counts) {
        this.users = users;
        this.latestUsers = latestUsers;
        this.statusCodes = statusCodes;
        this.counts = counts;
    }

    /**
     * @param userKey     the click's user id as key bytes, as the users table is keyed (unused for an anonymous click)
     * @param requestLine the click's request line, parsed when it was checked
     * @param eventTime   the click's timestamp (its {@code _time}): the user is looked up as of then
     * @param plainText   whether the click's texts are known to need no escaping: it was read from a plain payload
     *                    ({@link PlainJson})
     * @return the enriched click's JSON, byte for byte what the contract's codec writes
     */
    byte[] enrich(byte[] userKey, Click click, RequestLine requestLine, long eventTime, boolean plainText) {
        JoinedUser joined = click.isAnonymous() ? null : userAt(userKey, eventTime);
        User user = joined == null ? null : joined.user();
        StatusCode statusCode = statusCodes.lookup(click.status());
        byte[] enriched = encoder.serialize(ClickEnrichment.enrich(click, requestLine, user, statusCode), plainText,
                joined == null || joined.plainText());
        if (user != null) {
            counts.joined();
        } else if (click.isAnonymous()) {
            counts.anonymous();
        } else {
            counts.unknownUser();
        }
        return enriched;
    }

    /**
     * The version of the user valid at {@code eventTime}, or {@code null}: never existed, not yet created, deleted by
     * then, or older than the history the store keeps (then only a latest version valid at that time is found).
     */
    private JoinedUser userAt(byte[] userKey, long eventTime) {
        return latestUsers.userAt(users, userKey, eventTime);
    }
}
