package dev.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object and where it came from: a k8s/ file, or a chart template rendered with a values file.
 * {@link #describe()} is how every finding names its resource.
 */
record Manifest(String source, JsonNode body) {

    String apiVersion() {
        return body.path("apiVersion").asText("");
    }

    String kind() {
        return body.path("kind").asText("");
    }

    String name() {
        return body.path("metadata").path("name").asText("<no name>");
    }

    String describe() {
        return source + ": " + kind() + "/" + name();
    }
}
