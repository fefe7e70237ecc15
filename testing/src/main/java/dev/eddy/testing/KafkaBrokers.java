package dev.eddy.testing;

import java.util.Locale;

/**
 * The broker shared by all tests of one JVM (one Maven module's test run). Tests isolate themselves by using their
 * own topic names and consumer groups, so one broker can serve them all and the suite pays the start-up once.
 */
public final class KafkaBrokers {

    /** System property that picks the implementation: {@code embedded} (default) or {@code strimzi}. */
    public static final String BROKER_PROPERTY = "eddy.test.broker";

    private static KafkaBroker shared;

    private KafkaBrokers() {
    }

    /** The shared broker, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            KafkaBroker broker = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "eddy-test-broker-shutdown"));
            shared = broker;
        }
        return shared;
    }

    /** A broker of its own, for a test that restarts or breaks it; the caller closes it. */
    public static KafkaBroker startNew() {
        String kind = System.getProperty(BROKER_PROPERTY, "embedded").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "embedded" -> EmbeddedKafkaBroker.start();
            case "strimzi" -> StrimziContainerBroker.start();
            default -> throw new IllegalArgumentException(BROKER_PROPERTY + " must be 'embedded' or 'strimzi', was '"
                    + kind + "'");
        };
    }
}
