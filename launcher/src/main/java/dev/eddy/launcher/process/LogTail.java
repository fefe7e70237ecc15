package dev.eddy.launcher.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end so a large log costs no more than a small one. */
public final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /**
     * The ERROR and FATAL lines written after byte {@code offset}, each followed by the message of the exception it
     * logged and its {@code Caused by:} lines (the stack frames left out), at most {@code max} lines in all.
     */
    public static List<String> errorsSince(Path file, long offset, int max) {
        List<String> errors = new java.util.ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(Math.min(offset, in.length()));
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                    java.nio.channels.Channels.newInputStream(in.getChannel()), StandardCharsets.UTF_8));
            String line;
            boolean inError = false;
            boolean messageTaken = false;
            while (errors.size() < max && (line = reader.readLine()) != null) {
                if (line.contains(" ERROR ") || line.contains(" FATAL ")) {
                    errors.add(line);
                    inError = true;
                    messageTaken = false;
                } else if (inError && line.startsWith("Caused by:")) {
                    errors.add(line);
                } else if (inError && !messageTaken && !line.isBlank() && !Character.isWhitespace(line.charAt(0))
                        && !Character.isDigit(line.charAt(0))) {
                    errors.add(line);
                    messageTaken = true;
                } else if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                    inError = false;
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return errors;
    }

    public static List<String> last(Path file, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
