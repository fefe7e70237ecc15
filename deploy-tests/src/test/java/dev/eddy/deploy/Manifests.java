package dev.eddy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses multi-document YAML into {@link Manifest}s. */
final class Manifests {

    static final ObjectMapper YAML = new YAMLMapper();
    /** helm template prefixes each document with the template it came from. */
    private static final Pattern HELM_SOURCE = Pattern.compile("(?m)^# Source: (.+)$");

    private Manifests() {
    }

    static List<Manifest> ofFile(Path file) {
        return parse(Repo.relative(file), Repo.read(file));
    }

    static List<Manifest> ofFiles(List<Path> files) {
        List<Manifest> all = new ArrayList<>();
        files.forEach(f -> all.addAll(ofFile(f)));
        return all;
    }

    /** Rendered chart output; each manifest is named "<label> <template path>". */
    static List<Manifest> ofHelmOutput(String label, String rendered) {
        List<Manifest> all = new ArrayList<>();
        for (String document : rendered.split("(?m)^---\\s*$")) {
            Matcher source = HELM_SOURCE.matcher(document);
            String name = label + " " + (source.find() ? source.group(1) : "<unknown template>");
            all.addAll(parse(name, document));
        }
        return all;
    }

    static List<Manifest> parse(String source, String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    manifests.add(new Manifest(source, doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML of " + source + ": " + e.getMessage(), e);
        }
        return manifests;
    }
}
