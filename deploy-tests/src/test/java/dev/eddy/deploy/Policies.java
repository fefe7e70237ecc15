package dev.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security and operability rules every workload must follow. Each finding names the file, the resource and the
 * container. Pods that run to completion (helm test hooks, Jobs) need no liveness/readiness probes.
 */
final class Policies {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Pod");
    /** Environment variable names that carry credentials: their value must come from a Secret. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|SECRET|JAAS|TOKEN|CREDENTIAL|ACCESS_KEY|PRIVATE_KEY).*");
    /** Values that look like credentials whatever the variable is called. */
    private static final Pattern SECRET_VALUE =
            Pattern.compile("(?i).*(password\\s*=|LoginModule|BEGIN [A-Z ]*PRIVATE KEY|AKIA[0-9A-Z]{16}).*");

    record ContainerRef(Manifest manifest, JsonNode pod, JsonNode container) {
        String describe() {
            return manifest.describe() + " container '" + container.path("name").asText() + "'";
        }

        boolean runsToCompletion() {
            return manifest.kind().equals("Job") || manifest.kind().equals("CronJob")
                    || manifest.body().path("metadata").path("annotations").has("helm.sh/hook")
                    || manifest.body().path("metadata").path("annotations").has(HelmChart.RENDERED_HOOK);
        }
    }

    private Policies() {
    }

    static JsonNode podSpec(Manifest manifest) {
        JsonNode body = manifest.body();
        return switch (manifest.kind()) {
            case "Pod" -> body.path("spec");
            case "CronJob" -> body.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            default -> body.path("spec").path("template").path("spec");
        };
    }

    static List<ContainerRef> containers(List<Manifest> manifests) {
        List<ContainerRef> all = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (!WORKLOADS.contains(manifest.kind())) {
                continue;
            }
            JsonNode pod = podSpec(manifest);
            for (String field : List.of("initContainers", "containers")) {
                pod.path(field).forEach(c -> all.add(new ContainerRef(manifest, pod, c)));
            }
        }
        return all;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(name)) {
                return env.path("value").asText(null);
            }
        }
        return null;
    }

    /** Every policy finding of a set of manifests. */
    static List<String> check(List<Manifest> manifests) {
        List<String> findings = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (manifest.kind().equals("Secret") && (manifest.body().has("data") || manifest.body().has("stringData"))) {
                findings.add(manifest.describe() + ": Secret with inline data; reference an existing Secret instead");
            }
        }
        for (ContainerRef c : containers(manifests)) {
            checkImage(c, findings);
            checkSecurity(c, findings);
            checkResources(c, findings);
            checkProbes(c, findings);
            checkEnv(c, findings);
        }
        return findings;
    }

    private static void checkImage(ContainerRef c, List<String> findings) {
        String image = c.container().path("image").asText("");
        String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
        if (image.contains("@sha256:")) {
            return;
        }
        if (!afterRegistry.contains(":")) {
            findings.add(c.describe() + ": image '" + image + "' has no tag");
        } else if (afterRegistry.endsWith(":latest")) {
            findings.add(c.describe() + ": image '" + image + "' uses the latest tag");
        }
    }

    private static void checkSecurity(ContainerRef c, List<String> findings) {
        JsonNode pod = c.pod().path("securityContext");
        JsonNode container = c.container().path("securityContext");
        boolean nonRoot = container.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean(false));
        if (!nonRoot) {
            findings.add(c.describe() + ": runAsNonRoot is not true");
        }
        if (container.path("runAsUser").asInt(pod.path("runAsUser").asInt(-1)) == 0) {
            findings.add(c.describe() + ": runAsUser 0 (root)");
        }
        if (!container.path("readOnlyRootFilesystem").asBoolean(false)) {
            findings.add(c.describe() + ": readOnlyRootFilesystem is not true");
        }
        if (container.path("allowPrivilegeEscalation").asBoolean(true)) {
            findings.add(c.describe() + ": allowPrivilegeEscalation is not false");
        }
        if (container.path("privileged").asBoolean(false)) {
            findings.add(c.describe() + ": privileged");
        }
    }

    private static void checkResources(ContainerRef c, List<String> findings) {
        JsonNode resources = c.container().path("resources");
        for (String request : List.of("cpu", "memory")) {
            if (resources.path("requests").path(request).isMissingNode()) {
                findings.add(c.describe() + ": no resources.requests." + request);
            }
        }
        if (resources.path("limits").path("memory").isMissingNode()) {
            findings.add(c.describe() + ": no resources.limits.memory");
        }
    }

    private static void checkProbes(ContainerRef c, List<String> findings) {
        if (c.runsToCompletion()) {
            return;
        }
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            if (c.container().path(probe).isMissingNode()) {
                findings.add(c.describe() + ": no " + probe);
            }
        }
    }

    private static void checkEnv(ContainerRef c, List<String> findings) {
        for (JsonNode env : c.container().path("env")) {
            String name = env.path("name").asText();
            JsonNode value = env.path("value");
            if (value.isMissingNode()) {
                continue;
            }
            if (SECRET_NAME.matcher(name).matches() || SECRET_VALUE.matcher(value.asText()).matches()) {
                findings.add(c.describe() + ": env " + name + " carries a credential inline; use valueFrom.secretKeyRef");
            }
        }
    }
}
