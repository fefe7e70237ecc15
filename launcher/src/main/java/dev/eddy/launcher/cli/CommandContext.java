package dev.eddy.launcher.cli;

import dev.eddy.launcher.EddyHome;

import java.io.PrintStream;
import java.util.Map;

/** What every command gets: the folders, the environment (for settings) and where to print. */
public record CommandContext(EddyHome home, Map<String, String> environment, PrintStream out, PrintStream err) {
}
