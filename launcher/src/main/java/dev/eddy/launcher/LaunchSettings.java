package dev.eddy.launcher;

import dev.eddy.launcher.cli.Options;
import dev.eddy.launcher.cli.UsageException;
import dev.eddy.launcher.services.EddyService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ./eddy up} is asked to do. Every setting has a flag and an environment variable; the flag wins, then
 * the variable, then the default. A bad value is a {@link UsageException} that names the flag or variable.
 */
public record LaunchSettings(
        String host,
        int brokerPort,
        int controllerPort,
        int partitions,
        Map<EddyService, Integer> servicePorts,
        Optional<Set<EddyService>> selectedServices,
        Build build,
        int retentionHours,
        int retentionMegabytesPerPartition,
        List<String> brokerJavaOptions,
        List<String> serviceJavaOptions) {

    /** When to run the Maven build of the services. */
    public enum Build { IF_MISSING, ALWAYS, NEVER }

    /** Kafka's own scripts use G1 with short pauses; a smaller heap than their 1 GiB minimum suits a laptop. */
    public static final String DEFAULT_BROKER_JAVA_OPTIONS = "-Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20";
    /**
     * The collector the services run with everywhere (the Helm chart's gcOptions, the benchmarks): G1, chosen rather
     * than left to the JVM, which picks SerialGC on a machine with one core or less than 1792 MB.
     */
    public static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-XX:+UseG1GC";

    public static final Set<String> VALUE_OPTIONS;
    public static final Set<String> FLAG_OPTIONS = Set.of("--build", "--no-build", "--no-services");

    static {
        Set<String> options = new LinkedHashSet<>(List.of("--host", "--broker-port", "--controller-port",
                "--partitions", "--services", "--retention-hours", "--retention-mb"));
        for (EddyService service : EddyService.values()) {
            options.add(service.portFlag());
        }
        VALUE_OPTIONS = Set.copyOf(options);
    }

    public static LaunchSettings from(Options options, Map<String, String> environment) throws UsageException {
        Source source = new Source(options, environment);
        Map<EddyService, Integer> servicePorts = new EnumMap<>(EddyService.class);
        for (EddyService service : EddyService.values()) {
            servicePorts.put(service, source.port(service.portFlag(), service.portVariable(), service.defaultPort()));
        }
        if (options.flag("--build") && options.flag("--no-build")) {
            throw new UsageException("--build and --no-build contradict each other");
        }
        Build build = options.flag("--build") ? Build.ALWAYS : options.flag("--no-build") ? Build.NEVER
                : Build.IF_MISSING;
        Optional<String> servicesText = source.text("--services", "EDDY_SERVICES");
        Optional<Set<EddyService>> selected = options.flag("--no-services") ? Optional.of(Set.of())
                : servicesText.isPresent() ? parseServices(servicesText.get()) : Optional.empty();
        String host = source.text("--host", "EDDY_HOST").orElse("127.0.0.1").trim();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            // The broker advertises this address to its clients, so it must be one they can connect to.
            throw new UsageException("--host / EDDY_HOST must be an address clients can reach (e.g. 127.0.0.1 or "
                    + "this machine's LAN address), not '" + host + "'");
        }
        return new LaunchSettings(
                host,
                source.port("--broker-port", "EDDY_BROKER_PORT", 9092),
                source.port("--controller-port", "EDDY_CONTROLLER_PORT", 9093),
                source.integer("--partitions", "EDDY_PARTITIONS", 6, 1, 1000),
                Map.copyOf(servicePorts),
                selected,
                build,
                source.integer("--retention-hours", "EDDY_RETENTION_HOURS", 24, 1, 24 * 365),
                source.integer("--retention-mb", "EDDY_RETENTION_MB", 1024, 1, 1024 * 1024),
                words(environment.getOrDefault("EDDY_BROKER_JAVA_OPTS", DEFAULT_BROKER_JAVA_OPTIONS)),
                words(environment.getOrDefault("EDDY_SERVICE_JAVA_OPTS", DEFAULT_SERVICE_JAVA_OPTIONS)));
    }

    public int port(EddyService service) {
        return servicePorts.get(service);
    }

    public String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    public boolean wants(EddyService service) {
        return selectedServices.map(set -> set.contains(service)).orElse(true);
    }

    /** {@code all} (empty: every built service), {@code none}, or a comma-separated list of service ids. */
    static Optional<Set<EddyService>> parseServices(String text) throws UsageException {
        String trimmed = text.trim();
        if (trimmed.equals("all")) {
            return Optional.empty();
        }
        if (trimmed.equals("none") || trimmed.isEmpty()) {
            return Optional.of(Set.of());
        }
        Set<EddyService> services = new LinkedHashSet<>();
        for (String id : trimmed.split(",")) {
            services.add(EddyService.byId(id.trim()).orElseThrow(() -> new UsageException(
                    "--services / EDDY_SERVICES must be 'all', 'none' or a comma-separated list of "
                            + Arrays.stream(EddyService.values()).map(EddyService::id).toList() + ", got '" + text
                            + "'")));
        }
        return Optional.of(Set.copyOf(services));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** Looks a setting up in the flags, then in the environment. */
    private record Source(Options options, Map<String, String> environment) {

        Optional<String> text(String flag, String variable) {
            return options.value(flag).or(() -> Optional.ofNullable(environment.get(variable))
                    .filter(value -> !value.isBlank()));
        }

        int port(String flag, String variable, int fallback) throws UsageException {
            return integer(flag, variable, fallback, 1, 65535);
        }

        int integer(String flag, String variable, int fallback, int min, int max) throws UsageException {
            Optional<String> text = text(flag, variable);
            if (text.isEmpty()) {
                return fallback;
            }
            String name = options.value(flag).isPresent() ? flag : variable;
            try {
                int value = Integer.parseInt(text.get().trim());
                if (value < min || value > max) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", got '"
                        + text.get() + "'");
            }
        }
    }
}
