package dev.eddy.launcher.progress;

import java.util.List;

/** One service as the progress view shows it: state, where to reach it, and extra links it serves. */
public record ServiceLine(String name, long pid, String state, String url, List<String> links) {

    public ServiceLine {
        links = List.copyOf(links);
    }
}
