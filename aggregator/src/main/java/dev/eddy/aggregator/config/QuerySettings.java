package dev.eddy.aggregator.config;

import java.time.Duration;

/** Limits and timeouts of the query API, checked like {@link WindowSettings}. */
public record QuerySettings(Duration maxRange, int maxTopN, Duration remoteTimeout, Duration retryAfter) {

    public QuerySettings {
        if (maxRange == null || maxRange.isZero() || maxRange.isNegative()) {
            throw WindowSettings.invalid("query.max-range", "must be a positive duration, was " + maxRange);
        }
        if (maxTopN < 1 || maxTopN > 10_000) {
            throw WindowSettings.invalid("query.max-top-n", "must be between 1 and 10000, was " + maxTopN);
        }
        if (remoteTimeout == null || remoteTimeout.toMillis() < 1 || remoteTimeout.toSeconds() > 60) {
            throw WindowSettings.invalid("query.remote-timeout", "must be between 1ms and 60s, was " + remoteTimeout);
        }
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw WindowSettings.invalid("query.retry-after", "must be a positive duration, was " + retryAfter);
        }
    }

    public static QuerySettings from(AggregatorConfig config) {
        if (config.standbyReplicas() < 0) {
            throw WindowSettings.invalid("standby-replicas", "must be >= 0, was " + config.standbyReplicas());
        }
        return new QuerySettings(config.query().maxRange(), config.query().maxTopN(),
                config.query().remoteTimeout(), config.query().retryAfter());
    }

    /** Retry-After in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
