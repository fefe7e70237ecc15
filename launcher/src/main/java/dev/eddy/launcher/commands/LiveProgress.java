package dev.eddy.launcher.commands;

import dev.eddy.launcher.EddyHome;
import dev.eddy.launcher.LaunchSettings;
import dev.eddy.launcher.broker.KafkaAdmins;
import dev.eddy.launcher.cli.CommandContext;
import dev.eddy.launcher.progress.LiveTerminal;
import dev.eddy.launcher.progress.OffsetSampler;
import dev.eddy.launcher.progress.OffsetSnapshot;
import dev.eddy.launcher.progress.Progress;
import dev.eddy.launcher.progress.ProgressView;
import dev.eddy.launcher.progress.ServiceLine;
import dev.eddy.launcher.services.ServiceHealth;
import dev.eddy.launcher.services.ServiceProcess;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loop of {@code ./eddy up} once everything is started: every two seconds, sample offsets, probe the services'
 * health, redraw the view. Ends when a stop is requested (Ctrl-C, {@code ./eddy down}) or the broker dies.
 */
final class LiveProgress {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(10);
    /** Paths a service may serve beside its API; shown as links once they answer. */
    private static final List<String> OPTIONAL_PAGES = List.of("/", "/q/swagger-ui/", "/q/openapi");

    private final CommandContext context;
    private final LaunchSettings settings;
    private final EddyHome home;
    private final LocalStack stack;
    private final List<String> startupNotices;
    private final ServiceHealth health = new ServiceHealth();
    private final Map<String, List<String>> pagesByService = new HashMap<>();
    private final Set<String> reportedExits = new HashSet<>();
    private final Map<String, String> lastStates = new HashMap<>();

    LiveProgress(CommandContext context, LaunchSettings settings, EddyHome home, LocalStack stack,
                 List<String> startupNotices) {
        this.context = context;
        this.settings = settings;
        this.home = home;
        this.stack = stack;
        this.startupNotices = List.copyOf(startupNotices);
    }

    int runUntilStopped() {
        boolean interactive = "1".equals(context.environment().get("EDDY_TTY"))
                && !"dumb".equals(context.environment().get("TERM"));
        LiveTerminal terminal = new LiveTerminal(context.out(), interactive, SUMMARY_INTERVAL,
                columns(context.environment().get("EDDY_COLUMNS")));
        ProgressView.Header header = new ProgressView.Header(settings.bootstrapServers(), settings.partitions(),
                home.root().toString(), home.lake().toString(), home.logs().toString());
        if (!interactive) {
            ProgressView.render(header, serviceLines(), Progress.of(new OffsetSnapshot(0, Map.of(), Map.of())),
                    startupNotices).forEach(context.out()::println);
        }
        try (KafkaAdmins.Session session = KafkaAdmins.open(settings.bootstrapServers(), Duration.ofSeconds(5))) {
            OffsetSampler sampler = new OffsetSampler(session.admin(), Clock.systemUTC());
            OffsetSnapshot previous = null;
            while (!stack.stopRequested()) {
                if (!stack.broker().isAlive()) {
                    terminal.message("The Kafka broker exited (code " + stack.broker().process().exitCode()
                            .orElse(-1) + "); its last lines:");
                    stack.broker().process().tailOfLog(15).forEach(line -> terminal.message("  | " + line));
                    return 1;
                }
                List<String> notices = new ArrayList<>(startupNotices);
                Progress progress;
                try {
                    OffsetSnapshot current = sampler.sample();
                    progress = Progress.between(previous, current);
                    previous = current;
                } catch (OffsetSampler.SampleException e) {
                    notices.add("cannot read offsets from the broker: " + e.getMessage());
                    progress = previous == null ? Progress.of(new OffsetSnapshot(0, Map.of(), Map.of()))
                            : Progress.of(previous);
                }
                List<ServiceLine> lines = serviceLines();
                reportStateChanges(terminal, lines);
                notices.addAll(exitNotices(terminal));
                if (stack.stopRequested()) {
                    break;
                }
                terminal.frame(ProgressView.render(header, lines, progress, notices),
                        ProgressView.summary(progress), System.currentTimeMillis());
                stack.awaitStopRequest(INTERVAL);
            }
        }
        return 0;
    }

    private List<ServiceLine> serviceLines() {
        List<ServiceLine> lines = new ArrayList<>();
        for (ServiceProcess service : stack.services()) {
            String url = "http://" + settings.host() + ":" + service.port();
            String state;
            if (!service.isAlive()) {
                state = "exited " + service.exitCode().orElse(-1);
            } else {
                ServiceHealth.State probed = health.probe(settings.host(), service.port());
                state = switch (probed) {
                    case READY -> "ready";
                    case NOT_READY -> "not ready";
                    case STARTING -> "starting";
                };
                if (probed == ServiceHealth.State.READY && !pagesByService.containsKey(service.name())) {
                    pagesByService.put(service.name(), discoverPages(service.port()));
                }
            }
            lines.add(new ServiceLine(service.name(), service.pid(), state, url,
                    pagesByService.getOrDefault(service.name(), List.of("/q/health", "/q/metrics"))));
        }
        return lines;
    }

    /** Piped output has no live table: say when a service becomes ready (or not), one line each time. */
    private void reportStateChanges(LiveTerminal terminal, List<ServiceLine> lines) {
        for (ServiceLine line : lines) {
            String previous = lastStates.put(line.name(), line.state());
            if (!terminal.interactive() && !line.state().equals(previous) && !line.state().startsWith("exited")) {
                terminal.message(line.name() + " is " + line.state() + ": " + line.url() + "  "
                        + String.join("  ", line.links()));
            }
        }
    }

    private List<String> discoverPages(int port) {
        List<String> pages = new ArrayList<>(List.of("/q/health", "/q/metrics"));
        for (String page : OPTIONAL_PAGES) {
            if (health.answers(settings.host(), port, page)) {
                pages.add(page.equals("/") ? "dashboard /" : page);
            }
        }
        return pages;
    }

    private List<String> exitNotices(LiveTerminal terminal) {
        List<String> notices = new ArrayList<>();
        for (ServiceProcess service : stack.services()) {
            if (service.isAlive()) {
                continue;
            }
            List<String> tail = service.tailOfLog(1);
            notices.add(service.name() + " exited with code " + service.exitCode().orElse(-1) + "; see "
                    + service.log() + (tail.isEmpty() ? "" : " (last line: " + abbreviate(tail.get(0)) + ")"));
            if (reportedExits.add(service.name()) && !terminal.interactive()) {
                terminal.message(notices.get(notices.size() - 1));
            }
        }
        return notices;
    }

    private static int columns(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
