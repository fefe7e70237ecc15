package dev.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** helm lint and helm template of helm/eddy, in-process (helm-java), never against a cluster. */
final class HelmChart {

    static final String RELEASE = "eddy";
    static final String NAMESPACE = "eddy";
    static final String KUBE_VERSION = "1.31.0";

    /** Named value sets every check runs against. */
    static final Map<String, Path> VALUE_SETS = new LinkedHashMap<>();

    static {
        VALUE_SETS.put("default values", null);
        VALUE_SETS.put("values-production.yaml", Repo.CHART.resolve("values-production.yaml"));
        VALUE_SETS.put("examples/all-features.yaml", Repo.ROOT.resolve("deploy-tests/src/test/resources/all-features.yaml"));
    }

    private static final Map<String, List<Manifest>> RENDERED = new LinkedHashMap<>();

    private HelmChart() {
    }

    /** Annotation the hooks carry in the rendering copy (see {@link #renderableCopy()}). */
    static final String RENDERED_HOOK = "eddy.dev/rendered-hook";

    private static Path renderableCopy;

    static String template(Path valuesFile, Map<String, Object> sets) {
        var command = new Helm(renderableCopy()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** Rendered manifests of one named value set (cached: rendering is the slow part). */
    static synchronized List<Manifest> rendered(String valueSet) {
        return RENDERED.computeIfAbsent(valueSet,
                name -> Manifests.ofHelmOutput("[" + name + "]", template(VALUE_SETS.get(name), Map.of())));
    }

    /**
     * helm-java's template prints the release manifest only, without hooks, so the helm test pod and the seed Job
     * would escape every check. Render a copy of the chart whose hook annotations are renamed: hooks then come out
     * as ordinary manifests, still recognisable by {@link #RENDERED_HOOK}.
     */
    static synchronized Path renderableCopy() {
        if (renderableCopy == null) {
            Path copy = copyChart("render-");
            try (Stream<Path> walk = Files.walk(copy.resolve("templates"))) {
                for (Path template : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    String text = Files.readString(template);
                    Files.writeString(template, text.replace("helm.sh/hook", RENDERED_HOOK));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            renderableCopy = copy;
        }
        return renderableCopy;
    }

    /**
     * helm lint --strict with a values file. helm-java's lint reads only the chart's values.yaml, so the chart is
     * copied and its values.yaml replaced by the merge of defaults and the given file (as helm merges them).
     */
    static LintResult lint(Path valuesFile) {
        Path chart = Repo.CHART;
        if (valuesFile != null) {
            chart = copyWithValues(valuesFile);
        }
        return new Helm(chart).lint().strict().call();
    }

    private static Path copyChart(String prefix) {
        try {
            Path copy = Files.createTempDirectory(Path.of("target"), prefix).resolve("eddy");
            try (Stream<Path> walk = Files.walk(Repo.CHART)) {
                for (Path source : (Iterable<Path>) walk::iterator) {
                    Path target = copy.resolve(Repo.CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyWithValues(Path valuesFile) {
        try {
            Path copy = copyChart("lint-");
            ObjectNode defaults = (ObjectNode) Manifests.YAML.readTree(Repo.CHART.resolve("values.yaml").toFile());
            JsonNode overrides = Manifests.YAML.readTree(valuesFile.toFile());
            merge(defaults, overrides);
            Manifests.YAML.writeValue(copy.resolve("values.yaml").toFile(), defaults);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Helm's merge: maps merge key by key, anything else replaces. */
    private static void merge(ObjectNode target, JsonNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
