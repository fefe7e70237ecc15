package dev.eddy.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving plain (non-Quarkus) tests the shared broker: declare a {@link KafkaBroker} or a
 * {@link KafkaTestClient} parameter on a test, a constructor or a lifecycle method.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyTest {
 *     @Test void sends(KafkaTestClient kafka) { kafka.createTopic("t", 1); ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == KafkaTestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        KafkaBroker broker = KafkaBrokers.shared();
        if (parameter.getParameter().getType() == KafkaBroker.class) {
            return broker;
        }
        // One client per test class; closed with the class's extension store.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(ClientHolder.class,
                key -> new ClientHolder(new KafkaTestClient(broker)), ClientHolder.class).client;
    }

    private record ClientHolder(KafkaTestClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}
