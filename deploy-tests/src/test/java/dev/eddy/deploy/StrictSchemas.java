package dev.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns published schemas into strict JSON Schemas: an object that declares its properties accepts no other
 * property. The API server would silently prune (CRDs) or reject (built-in kinds) an unknown field; a typo such as
 * {@code imagePullPolcy} must fail here instead of being dropped in the cluster.
 */
final class StrictSchemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StrictSchemas() {
    }

    /**
     * fabric8's generated schemas (draft-07 with Java generator hints) describe every object as open and a few
     * Kubernetes wire types by their Java shape. Fix both, in place.
     */
    static void strictFabric8Definitions(ObjectNode definitions) {
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode wireType = wireTypeOf(name);
            if (wireType != null) {
                definitions.set(name, wireType);
            } else {
                strictFabric8Node(definitions.get(name));
            }
        }
    }

    /** Kubernetes types whose JSON form differs from their Java model (by fabric8 definition name). */
    private static JsonNode wireTypeOf(String definition) {
        if (definition.endsWith("_Quantity")) {
            return types("string", "number");
        }
        if (definition.endsWith("_IntOrString")) {
            return types("string", "integer");
        }
        if (definition.endsWith("_Time") || definition.endsWith("_MicroTime")) {
            return types("string");
        }
        if (definition.endsWith("_FieldsV1") || definition.endsWith("_RawExtension") || definition.endsWith("_JSON")
                || definition.endsWith("_Patch")) {
            return JSON.objectNode();
        }
        return null;
    }

    private static void strictFabric8Node(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // Draft-03 style "required": true inside a property is not JSON Schema draft-07: drop it.
            if (object.path("required").isBoolean()) {
                object.remove("required");
            }
            object.remove(List.of("javaType", "javaInterfaces", "existingJavaType", "javaOmitEmpty"));
            if (object.has("properties") && object.path("additionalProperties").isBoolean()) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(StrictSchemas::strictFabric8Node);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(StrictSchemas::strictFabric8Node);
        }
    }

    /**
     * A CRD's structural openAPIV3Schema as a strict draft-07 JSON Schema: objects with declared properties and no
     * {@code x-kubernetes-preserve-unknown-fields} reject other fields; int-or-string and nullable are expressed
     * with JSON Schema types. metadata stays open (the API server validates it, not the CRD).
     */
    static ObjectNode strictOpenApi(JsonNode openApiV3Schema) {
        ObjectNode copy = openApiV3Schema.deepCopy();
        strictOpenApiNode(copy);
        ObjectNode properties = (ObjectNode) copy.path("properties");
        properties.set("metadata", JSON.objectNode().put("type", "object"));
        properties.remove("status");
        copy.put("$schema", "http://json-schema.org/draft-07/schema#");
        return copy;
    }

    private static void strictOpenApiNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean preserveUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
                object.remove("type");
                object.set("type", types("integer", "string"));
            }
            if (object.path("nullable").asBoolean(false) && object.path("type").isTextual()) {
                object.set("type", types(object.get("type").asText(), "null"));
            }
            if (object.has("properties") && !object.has("additionalProperties") && !preserveUnknown) {
                object.put("additionalProperties", false);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> extensions = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().startsWith("x-kubernetes-") || field.getKey().equals("nullable")) {
                    extensions.add(field.getKey());
                } else if (field.getKey().equals("properties")) {
                    // Property NAMES are data here, not keywords: recurse into each property's schema only.
                    field.getValue().elements().forEachRemaining(StrictSchemas::strictOpenApiNode);
                } else {
                    strictOpenApiNode(field.getValue());
                }
            }
            object.remove(extensions);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(StrictSchemas::strictOpenApiNode);
        }
    }

    private static ArrayNode types(String... types) {
        ArrayNode array = JSON.arrayNode();
        for (String type : types) {
            array.add(type);
        }
        return array;
    }
}
