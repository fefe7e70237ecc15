package dev.eddy.e2e.check;

import dev.eddy.events.Topics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One kind of bad input from the corpus ({@code bad-input.tsv} beside this class): what to produce, where, and the
 * dead-letter reason the enricher must give it. A {@code gap:} expectation marks a kind the enricher accepts today
 * although it should not (see docs/testing.md); such kinds are listed but not injected.
 */
public record BadInput(String kind, String topic, byte[] key, byte[] value, String expectedReason, boolean gap) {

    /** Header put on every injected record (the enricher keeps input headers on dead letters) to find it again. */
    public static final String KIND_HEADER = "e2e.bad-input-kind";
    private static final String RESOURCE = "/dev/eddy/e2e/bad-input.tsv";

    public static List<BadInput> corpus() {
        List<BadInput> inputs = new ArrayList<>();
        try (InputStream in = BadInput.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 5) {
                    throw new IllegalStateException("corpus line needs 5 tab-separated cells: " + line);
                }
                String topic = switch (cells[1]) {
                    case "clicks" -> Topics.CLICKS;
                    case "users" -> Topics.USERS;
                    default -> throw new IllegalStateException("unknown topic '" + cells[1] + "' in " + line);
                };
                boolean gap = cells[4].startsWith("gap:");
                inputs.add(new BadInput(cells[0], topic, bytes(cells[2]), bytes(cells[3]),
                        gap ? cells[4].substring(4) : cells[4], gap));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(inputs);
    }

    /** The kinds the enricher rejects today, the ones the runs inject. */
    public static List<BadInput> injected() {
        return corpus().stream().filter(input -> !input.gap()).toList();
    }

    /** The expectation of a kind the broker refuses at produce time, so it never reaches Eddy at all. */
    public static final String REFUSED_BY_KAFKA = "refused_by_kafka";

    /** Whether the broker refuses this record (e.g. no key on a compacted topic) rather than Eddy dead-lettering it. */
    public boolean refusedByKafka() {
        return REFUSED_BY_KAFKA.equals(expectedReason);
    }

    /** Decodes the corpus notation: {@code <null>}, {@code <empty>}, {@code \xHH} and {@code <pad:N>}. */
    static byte[] bytes(String cell) {
        if (cell.equals("<null>")) {
            return null;
        }
        if (cell.equals("<empty>")) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < cell.length()) {
            if (cell.startsWith("\\x", i)) {
                out.write(Integer.parseInt(cell.substring(i + 2, i + 4), 16));
                i += 4;
            } else if (cell.startsWith("<pad:", i)) {
                int end = cell.indexOf('>', i);
                int count = Integer.parseInt(cell.substring(i + 5, end));
                out.writeBytes(" ".repeat(count).getBytes(StandardCharsets.US_ASCII));
                i = end + 1;
            } else {
                int next = nextSpecial(cell, i);
                out.writeBytes(cell.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
            }
        }
        return out.toByteArray();
    }

    private static int nextSpecial(String cell, int from) {
        int hex = cell.indexOf("\\x", from);
        int pad = cell.indexOf("<pad:", from);
        int next = cell.length();
        if (hex >= 0) {
            next = Math.min(next, hex);
        }
        if (pad >= 0) {
            next = Math.min(next, pad);
        }
        return next == from ? from + 1 : next;
    }
}
