package dev.eddy.launcher.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Prints frames of the progress view. On an interactive terminal each frame replaces the previous one in place
 * (ANSI cursor movement); otherwise (output piped or logged) a one-line summary is printed now and then, so a log
 * does not fill with repeated screens.
 */
public final class LiveTerminal {

    private final PrintStream out;
    private final boolean interactive;
    private final Duration summaryInterval;
    private final int width;
    private int linesOnScreen;
    private long lastSummaryMillis;

    public LiveTerminal(PrintStream out, boolean interactive, Duration summaryInterval) {
        this(out, interactive, summaryInterval, 0);
    }

    /**
     * @param width the terminal's columns (0: unknown). Longer lines are cut, because a wrapped line would take two
     *              rows and the next frame would not overwrite all of this one.
     */
    public LiveTerminal(PrintStream out, boolean interactive, Duration summaryInterval, int width) {
        this.out = out;
        this.interactive = interactive;
        this.summaryInterval = summaryInterval;
        this.width = width;
    }

    public boolean interactive() {
        return interactive;
    }

    public synchronized void frame(List<String> lines, String summary, long nowMillis) {
        if (interactive) {
            StringBuilder text = new StringBuilder();
            if (linesOnScreen > 0) {
                text.append("\033[").append(linesOnScreen).append('F');
            }
            text.append("\033[J");
            for (String line : lines) {
                text.append(width > 1 && line.length() >= width ? line.substring(0, width - 1) : line).append('\n');
            }
            out.print(text);
            out.flush();
            linesOnScreen = lines.size();
        } else if (nowMillis - lastSummaryMillis >= summaryInterval.toMillis()) {
            out.println(summary);
            out.flush();
            lastSummaryMillis = nowMillis;
        }
    }

    /** Prints a message below the live view; the next frame starts under it. */
    public synchronized void message(String line) {
        out.println(line);
        out.flush();
        linesOnScreen = 0;
    }
}
