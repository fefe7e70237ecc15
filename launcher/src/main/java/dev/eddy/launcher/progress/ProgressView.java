package dev.eddy.launcher.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what is running and how far the pipeline has got into the lines the terminal shows. Pure: the same inputs
 * give the same lines, so it is tested with literal values; {@link LiveTerminal} decides how to print them.
 */
public final class ProgressView {

    /** What does not change while Eddy runs. */
    public record Header(String bootstrapServers, int partitions, String home, String lake, String logs) {
    }

    private ProgressView() {
    }

    public static List<String> render(Header header, List<ServiceLine> services, Progress progress,
                                      List<String> notices) {
        List<String> lines = new ArrayList<>();
        lines.add("Eddy local mode   broker " + header.bootstrapServers() + "   " + header.partitions()
                + " partitions   data " + header.home());
        lines.add("");
        if (services.isEmpty()) {
            lines.add("  no service started (chosen with --services, or none built yet: ./eddy up --build)");
        }
        for (ServiceLine service : services) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-12s %-10s %-24s pid %-7d",
                    service.name(), service.state(), service.url(), service.pid()));
            if (!service.links().isEmpty()) {
                line.append(" ").append(String.join("  ", service.links()));
            }
            lines.add(line.toString().stripTrailing());
        }
        lines.add(String.format(Locale.ROOT, "  %-12s %s", "lake", header.lake()));
        lines.add(String.format(Locale.ROOT, "  %-12s %s", "logs", header.logs()));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "  %-16s %12s %14s   %s", "stage", "records/s", "total", "measured on"));
        for (Progress.Stage stage : progress.stages()) {
            lines.add(String.format(Locale.ROOT, "  %-16s %12s %14s   %s", stage.name(), rate(stage),
                    String.format(Locale.ROOT, "%,d", stage.total()), stage.measuredOn()));
        }
        lines.add("");
        lines.add("  consumer lag     " + (progress.lags().isEmpty() ? "no consumer group yet"
                : progress.lags().stream()
                        .map(lag -> lag.group() + " " + lag.describe())
                        .collect(Collectors.joining("   "))));
        for (String notice : notices) {
            lines.add("  ! " + notice);
        }
        lines.add("");
        lines.add("  Ctrl-C stops everything (or ./eddy down from another terminal); ./eddy up again resumes.");
        return List.copyOf(lines);
    }

    /** One line for logs and non-interactive output: every stage's rate and total. */
    public static String summary(Progress progress) {
        return progress.stages().stream()
                .map(stage -> stage.name() + " " + rate(stage) + "/s (" + String.format(Locale.ROOT, "%,d",
                        stage.total()) + ")")
                .collect(Collectors.joining(", "))
                + (progress.lags().isEmpty() ? "" : "; lag " + progress.lags().stream()
                .map(lag -> lag.group() + " " + lag.describe()).collect(Collectors.joining(", ")));
    }

    static String rate(Progress.Stage stage) {
        return stage.perSecond().isPresent()
                ? String.format(Locale.ROOT, "%,.1f", stage.perSecond().getAsDouble())
                : "-";
    }
}
