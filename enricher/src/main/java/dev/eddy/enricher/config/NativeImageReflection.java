package dev.eddy.enricher.config;

import dev.eddy.events.Click;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.StatusCode;
import dev.eddy.events.User;
import dev.eddy.enricher.streams.StatusCodeDeadLetterHandler;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The event records this service reads or writes with Jackson live in another module, so Quarkus cannot see that
 * they need reflection in a native executable; this registration says so. Unused on the JVM.
 */
@RegisterForReflection(targets = {Click.class, User.class, StatusCode.class, EnrichedClick.class,
        // Kafka Streams instantiates this handler from its class name in the configuration.
        StatusCodeDeadLetterHandler.class})
final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
