package dev.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.CrdYaml;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Strict JSON Schemas for every kind Eddy deploys, keyed by "apiVersion kind":
 * <ul>
 *   <li>Kubernetes and Prometheus-operator kinds from fabric8's published schemas (6.13.5, unpacked by Maven),</li>
 *   <li>Strimzi kinds from the CRDs that Strimzi's own generator produces from the Strimzi API model; the schema of
 *       the served {@code v1} version is used.</li>
 * </ul>
 * A kind without a schema is a finding too: nothing goes unvalidated.
 */
final class SchemaCatalog {

    static final String STRIMZI_VERSION = "v1";
    private static final List<Class<? extends CustomResource>> STRIMZI_KINDS =
            List.of(Kafka.class, KafkaNodePool.class, KafkaTopic.class, KafkaUser.class);

    private static SchemaCatalog instance;

    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();

    static synchronized SchemaCatalog get() {
        if (instance == null) {
            instance = new SchemaCatalog();
        }
        return instance;
    }

    private SchemaCatalog() {
        loadFabric8Schemas();
        loadStrimziSchemas();
    }

    Set<String> kinds() {
        return new TreeSet<>(schemas.keySet());
    }

    /** Schema violations of one manifest, each naming the file, the resource and the JSON path. */
    List<String> validate(Manifest manifest) {
        JsonSchema schema = schemas.get(key(manifest.apiVersion(), manifest.kind()));
        if (schema == null) {
            return List.of(manifest.describe() + ": no schema for apiVersion '" + manifest.apiVersion() + "' kind '"
                    + manifest.kind() + "' (known: " + kinds() + ")");
        }
        Set<ValidationMessage> messages = schema.validate(manifest.body());
        return messages.stream().map(m -> manifest.describe() + ": " + m.getMessage()).sorted()
                .collect(Collectors.toList());
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }

    private void loadFabric8Schemas() {
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repo.SCHEMAS)) {
            files = walk.filter(p -> p.getFileName().toString().equals("validation-schema.json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Kubernetes schemas missing under " + Repo.SCHEMAS
                    + ": run the build through Maven (generate-test-resources unpacks them)", e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no validation-schema.json under " + Repo.SCHEMAS);
        }
        for (Path file : files) {
            ObjectNode document;
            try {
                document = (ObjectNode) json.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ObjectNode definitions = (ObjectNode) document.get("definitions");
            StrictSchemas.strictFabric8Definitions(definitions);
            Iterator<Map.Entry<String, JsonNode>> it = definitions.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> definition = it.next();
                JsonNode properties = definition.getValue().path("properties");
                String apiVersion = properties.path("apiVersion").path("default").asText("");
                String kind = properties.path("kind").path("default").asText("");
                if (apiVersion.isEmpty() || kind.isEmpty() || kind.endsWith("List")
                        || schemas.containsKey(key(apiVersion, kind))) {
                    continue;
                }
                ObjectNode root = json.createObjectNode();
                root.put("$ref", "#/definitions/" + definition.getKey());
                root.set("definitions", definitions);
                schemas.put(key(apiVersion, kind), factory.getSchema(root, config));
            }
        }
    }

    private void loadStrimziSchemas() {
        for (Class<? extends CustomResource> kind : STRIMZI_KINDS) {
            String crdYaml;
            try {
                crdYaml = CrdYaml.of(kind);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode crd = Manifests.parse(kind.getSimpleName() + " CRD", crdYaml).get(0).body();
            String group = crd.path("spec").path("group").asText();
            String kindName = crd.path("spec").path("names").path("kind").asText();
            List<String> versions = new ArrayList<>();
            for (JsonNode version : crd.path("spec").path("versions")) {
                versions.add(version.path("name").asText());
                if (version.path("name").asText().equals(STRIMZI_VERSION)) {
                    ObjectNode strict = StrictSchemas.strictOpenApi(version.path("schema").path("openAPIV3Schema"));
                    schemas.put(key(group + "/" + STRIMZI_VERSION, kindName), factory.getSchema(strict, config));
                }
            }
            if (!schemas.containsKey(key(group + "/" + STRIMZI_VERSION, kindName))) {
                throw new IllegalStateException(kindName + " CRD has no " + STRIMZI_VERSION + " version: " + versions);
            }
        }
    }
}
