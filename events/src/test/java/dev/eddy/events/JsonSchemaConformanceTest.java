package dev.eddy.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas published in docs/schemas describe what the serdes really write and read: each sample's encoding
 * validates, Datagen's string-typed numbers validate, and a record missing a required field does not.
 */
class JsonSchemaConformanceTest {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> schemaNames() {
        return ContractSamples.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaNames")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void encodedSampleSatisfiesItsSchema(String name) throws IOException {
        Object sample = ContractSamples.all().get(name);
        byte[] encoded = new JsonCodec(sample.getClass()).encode(sample);

        assertThat(schema(name).validate(JSON.readTree(encoded))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaNames")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void schemaRejectsAMissingRequiredField(String name) throws IOException {
        Object sample = ContractSamples.all().get(name);
        ObjectNode encoded = (ObjectNode) JSON.readTree(new JsonCodec(sample.getClass()).encode(sample));
        JsonNode schemaDocument = JSON.readTree(SCHEMAS.resolve(name + ".schema.json").toFile());
        String required = schemaDocument.get("required").get(0).asText();

        encoded.remove(required);

        assertThat(schema(name).validate(encoded)).isNotEmpty();
        assertThat(encoded).isNotNull();
    }

    @Test
    void datagenClickSatisfiesTheClickstreamSchema() throws IOException {
        JsonNode datagen = JSON.readTree("{\"ip\":\"233.168.257.122\",\"userid\":\"12\",\"remote_user\":\"-\","
                + "\"time\":\"21/Nov/2026:21:46:14 +0000\",\"_time\":1795297574000,\"request\":\"GET /index.html HTTP/1.1\","
                + "\"status\":\"302\",\"bytes\":\"278\",\"referrer\":\"-\",\"agent\":\"Googlebot\"}");
        assertThat(schema("clickstream").validate(datagen)).isEmpty();
    }

    @Test
    void deadLetterHeadersSatisfyTheirSchema() throws IOException {
        DeadLetterHeaders headers = DeadLetterHeaders.of(
                new EventFormatException(EventFormatException.Kind.MISSING_FIELD, "status", "is required"),
                Topics.CLICKS, 3, 42, "enricher.deserialize");
        ObjectNode asObject = JSON.createObjectNode();
        for (Header header : headers.toHeaders()) {
            asObject.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }

        Set<ValidationMessage> problems = schema("dead-letter-headers").validate(asObject);

        assertThat(problems).isEmpty();
        assertThat(asObject.get(DeadLetterHeaders.REASON).asText()).isEqualTo("missing_field");
    }

    @Test
    void everyPublishedSchemaIsTested() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            Set<String> published = files.map(p -> p.getFileName().toString().replace(".schema.json", ""))
                    .collect(java.util.stream.Collectors.toSet());
            Map<String, Object> samples = ContractSamples.all();
            assertThat(published).containsExactlyInAnyOrderElementsOf(
                    Stream.concat(samples.keySet().stream(), Stream.of("dead-letter-headers")).toList());
        }
    }

    private static JsonSchema schema(String name) throws IOException {
        JsonNode document = JSON.readTree(SCHEMAS.resolve(name + ".schema.json").toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
    }
}
