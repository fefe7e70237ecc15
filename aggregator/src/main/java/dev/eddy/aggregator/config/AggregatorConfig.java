package dev.eddy.aggregator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Every setting of the aggregator, under {@code eddy.aggregator}. Values are checked at start by
 * {@link WindowSettings#from(AggregatorConfig)} and {@link QuerySettings#from(AggregatorConfig)}: a bad value stops
 * the application with the key's name in the message.
 */
@ConfigMapping(prefix = "eddy.aggregator")
public interface AggregatorConfig {

    /** Events per minute per user (tumbling). */
    TumblingWindow userActivity();

    PageViews pageViews();

    Sessions sessions();

    Errors errors();

    /** Activity per city and level (tumbling). */
    TumblingWindow segments();

    /**
     * How long window and session results stay queryable in the state stores. Must cover every window's size plus
     * grace; longer keeps more history for the query API at the cost of disk.
     */
    @WithDefault("6H")
    Duration retention();

    /**
     * How often the input tasks send their partial counts of page views, statuses and segments to the tasks that own
     * those keys (wall clock). Queries of those windows lag the input by up to this much; shorter costs more records
     * on the internal repartition topics.
     */
    @WithDefault("100ms")
    Duration flushInterval();

    /** Warm copies of each task on other instances (Kafka Streams {@code num.standby.replicas}). */
    @WithDefault("1")
    int standbyReplicas();

    /** Host name other instances use to reach this one; with quarkus.http.port it forms application.server. */
    @WithDefault("localhost")
    String advertisedHost();

    Query query();

    interface TumblingWindow {
        @WithDefault("1M")
        Duration size();

        @WithDefault("1M")
        Duration grace();
    }

    interface PageViews {
        TumblingWindow tumbling();

        Hopping hopping();
    }

    interface Hopping {
        @WithDefault("5M")
        Duration size();

        @WithDefault("1M")
        Duration advance();

        @WithDefault("1M")
        Duration grace();
    }

    interface Sessions {
        /** A session ends after this much event time without a click of the user. */
        @WithDefault("30M")
        Duration inactivityGap();

        /** How far behind stream time a click may arrive and still count in its session. */
        @WithDefault("1M")
        Duration grace();

        /**
         * Users whose open sessions each input task keeps decoded in memory beside its store (least recently used
         * go first; the store always has them). About a kilobyte per user with a dozen distinct pages.
         */
        @WithDefault("10000")
        int decodedUsersPerTask();
    }

    interface Errors {
        @WithDefault("1M")
        Duration size();

        @WithDefault("1M")
        Duration grace();

        /** An alert is emitted for a status whose errors in one window reach this count. */
        @WithDefault("100")
        long alertThreshold();
    }

    interface Query {
        /** The widest time range one request may ask for (protects the stores from unbounded scans). */
        @WithDefault("6H")
        Duration maxRange();

        /** The largest N of a top-N request. */
        @WithDefault("100")
        int maxTopN();

        /** Timeout of one call to another instance (forwarding and fan-out). */
        @WithDefault("2S")
        Duration remoteTimeout();

        /** Value of the Retry-After header of a 503 (rounded up to whole seconds). */
        @WithDefault("2S")
        Duration retryAfter();
    }
}
