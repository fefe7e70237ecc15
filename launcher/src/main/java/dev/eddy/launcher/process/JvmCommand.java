package dev.eddy.launcher.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of one child JVM: which java, JVM options, system properties, then what to run (a main class on a
 * class path, or {@code -jar}). Children use the launcher's own JDK, the one {@code ./eddy} checked.
 */
public record JvmCommand(Path java, List<String> jvmOptions, Map<String, String> systemProperties,
                         List<String> target, Optional<Path> watchdogAgent) {

    public JvmCommand {
        jvmOptions = List.copyOf(jvmOptions);
        systemProperties = new LinkedHashMap<>(systemProperties);
        target = List.copyOf(target);
    }

    /** The java executable that runs this launcher. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static JvmCommand mainClass(String classPath, String mainClass, List<String> arguments) {
        List<String> target = new ArrayList<>(List.of("-cp", classPath, mainClass));
        target.addAll(arguments);
        return new JvmCommand(currentJava(), List.of(), Map.of(), target, Optional.empty());
    }

    public static JvmCommand jar(Path jar, List<String> arguments) {
        List<String> target = new ArrayList<>(List.of("-jar", jar.toString()));
        target.addAll(arguments);
        return new JvmCommand(currentJava(), List.of(), Map.of(), target, Optional.empty());
    }

    public JvmCommand withJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(options);
        return new JvmCommand(java, all, systemProperties, target, watchdogAgent);
    }

    public JvmCommand withSystemProperty(String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(systemProperties);
        all.put(key, value);
        return new JvmCommand(java, jvmOptions, all, target, watchdogAgent);
    }

    public JvmCommand withSystemProperties(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(systemProperties);
        all.putAll(properties);
        return new JvmCommand(java, jvmOptions, all, target, watchdogAgent);
    }

    /** Makes the child exit by itself if this launcher dies without stopping it (see ParentWatchdog). */
    public JvmCommand withWatchdog(Path agentJar) {
        return new JvmCommand(java, jvmOptions, systemProperties, target, Optional.of(agentJar));
    }

    public List<String> toCommandLine(String watchdogArguments) {
        List<String> line = new ArrayList<>();
        line.add(java.toString());
        watchdogAgent.ifPresent(agent -> line.add("-javaagent:" + agent + "=" + watchdogArguments));
        line.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> line.add("-D" + key + "=" + value));
        line.addAll(target);
        return line;
    }
}
