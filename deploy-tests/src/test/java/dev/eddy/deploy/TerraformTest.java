package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.ErrorAlert;
import dev.eddy.events.ErrorRateWindow;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SegmentActivityWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.UserActivityWindow;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * terraform/: every .tf file parses (HCL in Java), the module layout is complete and documented, references
 * resolve (what `terraform validate` would check, done here because providers cannot be downloaded offline),
 * the Glue tables match the event contracts, and `terraform fmt -check` passes where a terraform binary exists.
 */
class TerraformTest {

    private static final Pattern VAR_REF = Pattern.compile("\\bvar\\.([A-Za-z0-9_]+)");
    private static final Pattern LOCAL_REF = Pattern.compile("\\blocal\\.([A-Za-z0-9_]+)");
    private static final Pattern MODULE_REF = Pattern.compile("\\bmodule\\.([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)");

    static Stream<Path> tfFiles() {
        return Repo.files(Repo.TERRAFORM, ".tf").stream();
    }

    static Stream<Path> moduleDirs() {
        return Stream.concat(subdirs(Repo.TERRAFORM.resolve("modules")), subdirs(Repo.TERRAFORM.resolve("examples")));
    }

    private static Stream<Path> subdirs(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One module: its parsed files merged by block type (variable, output, module, locals, ...). */
    record Module(Path dir, Map<String, Map<String, Object>> blocks, String source) {

        static Module of(Path dir) {
            Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();
            StringBuilder source = new StringBuilder();
            for (Path file : Repo.files(dir, ".tf")) {
                if (!file.getParent().equals(dir)) {
                    continue;
                }
                source.append(Repo.read(file)).append('\n');
                parse(file).forEach((type, value) -> {
                    if (value instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> entries = (Map<String, Object>) map;
                        blocks.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(entries);
                    }
                });
            }
            return new Module(dir, blocks, source.toString());
        }

        Map<String, Object> block(String type) {
            return blocks.getOrDefault(type, Map.of());
        }

        String name() {
            return Repo.relative(dir);
        }
    }

    /** hcl4j prints debugging lines ("Evaluating Tuple") to System.out; they are not findings, so keep them out. */
    static synchronized Map<String, Object> parse(Path file) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8", false);
        } catch (Exception e) {
            throw new AssertionError(Repo.relative(file) + " does not parse as HCL: " + e.getMessage(), e);
        } finally {
            System.setOut(out);
        }
    }

    /**
     * Names defined in every {@code locals} block. Read from the (terraform fmt formatted) text, because the parser
     * keeps only the last of several locals blocks in one file.
     */
    static Set<String> localNames(String source) {
        Set<String> names = new TreeSet<>();
        Matcher block = Pattern.compile("(?ms)^locals \\{\\n(.*?)^\\}").matcher(source);
        while (block.find()) {
            Matcher name = Pattern.compile("(?m)^  ([A-Za-z0-9_]+)\\s*=").matcher(block.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0} parses as HCL")
    @MethodSource("tfFiles")
    void everyFileParses(Path file) {
        assertThat(parse(file)).as(Repo.relative(file)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} has the standard layout")
    @MethodSource("moduleDirs")
    void standardLayout(Path dir) {
        for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")) {
            assertThat(dir.resolve(file)).as("%s/%s", Repo.relative(dir), file).exists();
        }
        Module module = Module.of(dir);
        String readme = Repo.read(dir.resolve("README.md"));
        module.block("variable").forEach((name, body) -> {
            Map<?, ?> variable = (Map<?, ?>) body;
            assertThat(variable.get("description")).as("%s: variable %s needs a description", module.name(), name)
                    .asString().isNotBlank();
            assertThat(variable.containsKey("type")).as("%s: variable %s needs a type", module.name(), name).isTrue();
            assertThat(readme).as("%s/README.md documents variable %s", module.name(), name).contains(name);
        });
        module.block("output").forEach((name, body) -> assertThat(((Map<?, ?>) body).get("description"))
                .as("%s: output %s needs a description", module.name(), name).asString().isNotBlank());
    }

    @ParameterizedTest(name = "{0} pins terraform and every provider")
    @MethodSource("moduleDirs")
    void versionsArePinned(Path dir) {
        Map<String, Object> versions = parse(dir.resolve("versions.tf"));
        Map<?, ?> terraform = (Map<?, ?>) versions.get("terraform");
        assertThat(terraform).as("%s/versions.tf has a terraform block", Repo.relative(dir)).isNotNull();
        assertThat((String) terraform.get("required_version")).as(Repo.relative(dir)).startsWith(">=");
        Map<?, ?> providers = (Map<?, ?>) terraform.get("required_providers");
        assertThat(providers).as("%s: required_providers", Repo.relative(dir)).isNotEmpty();
        String source = Module.of(dir).source();
        providers.forEach((name, spec) -> {
            Map<?, ?> provider = (Map<?, ?>) spec;
            assertThat((String) provider.get("source")).as("%s: provider %s source", Repo.relative(dir), name)
                    .startsWith("hashicorp/");
            assertThat((String) provider.get("version")).as("%s: provider %s version", Repo.relative(dir), name)
                    .startsWith("~>");
        });
        for (String used : List.of("helm", "aws")) {
            if (source.contains("resource \"" + used + "_") || source.contains("data \"" + used + "_")
                    || source.contains("provider \"" + used + "\"")) {
                assertThat(providers.containsKey(used)).as("%s uses %s, so requires it", Repo.relative(dir), used)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}: every var., local. and module. reference resolves")
    @MethodSource("moduleDirs")
    void referencesResolve(Path dir) {
        Module module = Module.of(dir);
        String code = module.source().replaceAll("(?m)^\\s*#.*$", "");
        Set<String> declared = module.block("variable").keySet();
        assertThat(matches(VAR_REF, code)).as("%s: undeclared variables", module.name())
                .isSubsetOf(declared);
        assertThat(declared).as("%s: unused variables", module.name()).isSubsetOf(matches(VAR_REF, code));
        Set<String> locals = localNames(module.source());
        assertThat(locals).as("%s: locals the parser saw", module.name()).containsAll(module.block("locals").keySet());
        assertThat(matches(LOCAL_REF, code)).as("%s: undefined locals", module.name()).isSubsetOf(locals);
        Matcher moduleRef = MODULE_REF.matcher(code);
        while (moduleRef.find()) {
            Map<?, ?> call = (Map<?, ?>) module.block("module").get(moduleRef.group(1));
            assertThat(call).as("%s: module.%s is not declared", module.name(), moduleRef.group(1)).isNotNull();
            Module target = Module.of(dir.resolve((String) call.get("source")).normalize());
            assertThat(target.block("output")).as("%s: module.%s has no output %s", module.name(),
                    moduleRef.group(1), moduleRef.group(2)).containsKey(moduleRef.group(2));
        }
    }

    @ParameterizedTest(name = "{0}: module calls pass exactly the target's variables")
    @MethodSource("moduleDirs")
    void moduleCallsMatchTheirTargets(Path dir) {
        Module module = Module.of(dir);
        Set<String> meta = Set.of("source", "count", "for_each", "depends_on", "providers", "version");
        module.block("module").forEach((name, body) -> {
            Map<?, ?> call = (Map<?, ?>) body;
            Path targetDir = dir.resolve((String) call.get("source")).normalize();
            assertThat(targetDir).as("%s: module %s source", module.name(), name).isDirectory();
            Map<String, Object> variables = Module.of(targetDir).block("variable");
            Set<String> passed = call.keySet().stream().map(Object::toString).filter(k -> !meta.contains(k))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(passed).as("%s: module %s passes unknown arguments", module.name(), name)
                    .isSubsetOf(variables.keySet());
            variables.forEach((variable, spec) -> {
                if (!((Map<?, ?>) spec).containsKey("default")) {
                    assertThat(passed).as("%s: module %s misses required %s", module.name(), name, variable)
                            .contains(variable);
                }
            });
        });
    }

    @Test
    void glueTablesMatchTheEventContracts() {
        Map<String, Class<? extends Record>> contracts = new LinkedHashMap<>();
        contracts.put("clickstream_enriched", EnrichedClick.class);
        contracts.put("user_activity_1m", UserActivityWindow.class);
        contracts.put("page_views_1m", PageViewsWindow.class);
        contracts.put("page_views_5m", PageViewsWindow.class);
        contracts.put("sessions", SessionSummary.class);
        contracts.put("errors_1m", ErrorRateWindow.class);
        contracts.put("segment_activity_1m", SegmentActivityWindow.class);
        contracts.put("error_alerts", ErrorAlert.class);

        Map<?, ?> tables = (Map<?, ?>) Module.of(Repo.TERRAFORM.resolve("modules/aws-lake")).block("locals")
                .get("lake_tables");
        assertThat(tables.keySet().stream().map(Object::toString).toList()).as("Glue tables = the lake writer's tables")
                .containsExactlyInAnyOrderElementsOf(contracts.keySet());
        contracts.forEach((table, type) -> {
            List<String> expected = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                expected.add(columnName(type, component) + " " + glueType(component.getType()));
            }
            List<String> actual = new ArrayList<>();
            for (Object column : (List<?>) ((Map<?, ?>) tables.get(table)).get("columns")) {
                Map<?, ?> c = (Map<?, ?>) column;
                actual.add(c.get("name") + " " + c.get("type"));
            }
            assertThat(actual).as("terraform/modules/aws-lake/tables.tf: columns of %s vs %s", table,
                    type.getName()).containsExactlyElementsOf(expected);
        });
    }

    private static String columnName(Class<?> type, RecordComponent component) {
        try {
            JsonProperty property = type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            return property != null && !property.value().isEmpty() ? property.value() : component.getName();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** The lake writer's Parquet mapping (lake-writer RecordColumns) in Glue/Hive type names. */
    private static String glueType(Class<?> type) {
        if (type == String.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class) {
            return "int";
        }
        if (type == long.class || type == Long.class) {
            return "bigint";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        throw new AssertionError("no lake column type for " + type);
    }

    @Test
    void terraformFmtCheckWhereTheBinaryExists() throws Exception {
        Path binary = TerraformBinary.find();
        if (binary == null) {
            System.out.println("[terraform] NOT CHECKED: no terraform binary on PATH, so `terraform fmt -check` did not"
                    + " run; the HCL parse and structural checks above still ran. Install terraform to check formatting.");
            return;
        }
        TerraformBinary.Result fmt = TerraformBinary.run(binary, Repo.TERRAFORM, List.of("fmt", "-check",
                "-recursive", "-diff", "-no-color"));
        System.out.println("[terraform] " + binary + " fmt -check -recursive: exit " + fmt.exitCode());
        assertThat(fmt.exitCode()).as("terraform fmt -check -recursive terraform/ (run `terraform fmt -recursive"
                + " terraform` to fix):%n%s", fmt.output()).isZero();
    }

    @ParameterizedTest(name = "terraform validate {0} where providers can be installed")
    @MethodSource("moduleDirs")
    void terraformValidateWhereProvidersCanBeInstalled(Path dir) throws Exception {
        Path binary = TerraformBinary.find();
        if (binary == null) {
            System.out.println("[terraform] NOT VALIDATED " + Repo.relative(dir) + ": no terraform binary on PATH.");
            return;
        }
        Path copy = TerraformBinary.workingCopy(dir);
        TerraformBinary.Result init = TerraformBinary.run(binary, copy, List.of("init", "-backend=false",
                "-input=false", "-no-color"));
        if (init.exitCode() != 0 && TerraformBinary.isOffline(init.output())) {
            System.out.println("[terraform] NOT VALIDATED " + Repo.relative(dir) + ": `terraform init` cannot download"
                    + " its providers (registry unreachable); HCL parse, layout and reference checks ran instead.");
            return;
        }
        assertThat(init.exitCode()).as("terraform init %s:%n%s", Repo.relative(dir), init.output()).isZero();
        TerraformBinary.Result validate = TerraformBinary.run(binary, copy, List.of("validate", "-no-color"));
        System.out.println("[terraform] validate " + Repo.relative(dir) + ": exit " + validate.exitCode());
        assertThat(validate.exitCode()).as("terraform validate %s:%n%s", Repo.relative(dir), validate.output())
                .isZero();
    }

    private static Set<String> matches(Pattern pattern, String code) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(code);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

}
