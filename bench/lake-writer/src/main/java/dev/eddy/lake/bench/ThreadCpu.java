package dev.eddy.lake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds of this JVM's live threads by role, from Linux's /proc/self/task (so GC and JIT compiler threads,
 * which Java's thread MXBean does not list, are counted too). Empty where /proc is not there.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    static Map<String, Double> byGroup() {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String group : new String[]{"workers", "poll/publish", "kafka-clients", "GC", "JIT",
                "main (start-up, harness)", "other"}) {
            groups.put(group, 0.0);
        }
        Map<String, Double> others = new java.util.HashMap<>();
        double ticksPerSecond = 100.0; // USER_HZ, 100 on every Linux the JDK supports
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond;
                    String group = group(name);
                    groups.merge(group, seconds, Double::sum);
                    if (group.equals("other")) {
                        others.merge(name.replaceAll("[-#]?\\d+$", "N"), seconds, Double::sum);
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        // The largest "other" threads by name, so the group can be told apart when it grows.
        String top = others.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.joining(", "));
        Double other = groups.remove("other");
        groups.put("other (" + top + ")", other);
        return groups;
    }

    private static String group(String name) {
        if (name.startsWith("eddy-lake-worke")) {
            return "workers";
        }
        if (name.equals("lake-writer")) {
            return "poll/publish";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Periodic")
                || name.startsWith("VM Thread")) {
            return "GC";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (name.startsWith("kafka-")) {
            return "kafka-clients";
        }
        // The main thread (Linux names it after the launcher, "java"): JVM start-up, class loading, building the writer
        // and the S3 client, then polling the group's offsets; and the heap and steady-state samplers.
        if (name.equals("java") || name.equals("main") || name.startsWith("steady-state")
                || name.startsWith("heap-sampler")) {
            return "main (start-up, harness)";
        }
        return "other";
    }
}
