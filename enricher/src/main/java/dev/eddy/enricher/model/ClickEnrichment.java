package dev.eddy.enricher.model;

import dev.eddy.events.Click;
import dev.eddy.events.EnrichedClick;
import dev.eddy.events.RequestLine;
import dev.eddy.events.StatusCode;
import dev.eddy.events.User;

/** Pure functions that turn a click, its user and its status reference entry into an {@link EnrichedClick}. */
public final class ClickEnrichment {

    /** Words that mark an automated agent (Googlebot, bingbot, AhrefsBot, Baiduspider, "... crawler ..."). */
    private static final String[] BOT_MARKERS = {"bot", "crawler", "spider"};

    private ClickEnrichment() {
    }

    /**
     * Builds the enriched click from a request line already parsed (when the click was checked), so the per-click
     * path parses it once. The click was validated when it was decoded, so this never fails on input data.
     *
     * @param requestLine the click's {@code request}, parsed
     * @param user        the user as they were at the click's event time, or {@code null}
     * @param statusCode  the reference entry for the click's status, or {@code null} when the table has none
     */
    public static EnrichedClick enrich(Click click, RequestLine requestLine, User user, StatusCode statusCode) {
        return new EnrichedClick(
                click.eventId(),
                click.sessionId(),
                click.ip(),
                click.userId(),
                click.remoteUser(),
                click.time(),
                click.eventTime(),
                click.request(),
                requestLine.method(),
                requestLine.page(),
                click.status(),
                statusText(click.status(), statusCode),
                isError(click.status()),
                click.bytes(),
                click.referrer(),
                click.agent(),
                isBot(click.agent()),
                user != null,
                user == null ? null : user.username(),
                user == null ? null : user.firstName(),
                user == null ? null : user.lastName(),
                user == null ? null : user.city(),
                user == null ? null : user.level(),
                user == null ? null : user.registeredAt());
    }

    /** 4xx and 5xx are errors; redirects are not. */
    public static boolean isError(int status) {
        return status >= 400;
    }

    /**
     * Whether a user agent names itself an automated agent; case-insensitive, a missing agent is not a bot. Same
     * answer as {@code agent.toLowerCase(Locale.ROOT).contains(marker)} for the markers "bot", "crawler" and "spider",
     * without a lower-case copy of the agent: only 'A'-'Z' lower-case to a letter of the (ASCII) markers; the two other
     * characters that lower-case to ASCII, the Kelvin sign (to 'k') and 'İ' (to 'i' plus a combining dot), cannot
     * complete a marker.
     */
    public static boolean isBot(String agent) {
        if (agent == null) {
            return false;
        }
        for (String marker : BOT_MARKERS) {
            if (containsIgnoringAsciiCase(agent, marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compares the marker only where its first letter stands, in either case. {@link String#indexOf(int, int)} finds
     * those with a vectorised scan, which costs far less per character than looking at each one here: this runs for
     * every click, over agents of a hundred characters or more.
     */
    private static boolean containsIgnoringAsciiCase(String text, String lowerCaseMarker) {
        char lower = lowerCaseMarker.charAt(0);
        char upper = (char) (lower - ('a' - 'A'));
        int lastStart = text.length() - lowerCaseMarker.length();
        int nextLower = text.indexOf(lower);
        int nextUpper = text.indexOf(upper);
        while (true) {
            int start = nextLower < 0 ? nextUpper : nextUpper < 0 ? nextLower : Math.min(nextLower, nextUpper);
            if (start < 0 || start > lastStart) {
                return false;
            }
            if (startsWithIgnoringAsciiCase(text, start, lowerCaseMarker)) {
                return true;
            }
            if (start == nextLower) {
                nextLower = text.indexOf(lower, start + 1);
            } else {
                nextUpper = text.indexOf(upper, start + 1);
            }
        }
    }

    private static boolean startsWithIgnoringAsciiCase(String text, int start, String lowerCaseMarker) {
        if (start + lowerCaseMarker.length() > text.length()) {
            return false;
        }
        for (int matched = 1; matched < lowerCaseMarker.length(); matched++) {
            if (asciiLowerCase(text.charAt(start + matched)) != lowerCaseMarker.charAt(matched)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLowerCase(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** The reference table's definition when it has one (Datagen's wording), else the standard reason phrase. */
    public static String statusText(int status, StatusCode statusCode) {
        if (statusCode != null && statusCode.code() == status) {
            return statusCode.definition();
        }
        return StatusTexts.standardPhrase(status);
    }
}
