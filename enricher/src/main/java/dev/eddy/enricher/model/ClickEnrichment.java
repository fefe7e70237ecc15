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
     * Builds the enriched click. The click was validated when it was decoded (including its request line), so this
     * never fails on input data.
     *
     * @param statusCode the reference entry for the click's status, or {@code null} when the table has none
     */
    public static EnrichedClick enrich(UserClick userClick, StatusCode statusCode) {
        Click click = userClick.click();
        return enrich(click, RequestLine.parse(click.request()), userClick.user(), statusCode);
    }

    /**
     * Builds the enriched click from a request line already parsed (when the click was checked), so the per-click
     * path parses it once.
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
     * answer as {@code agent.toLowerCase(Locale.ROOT).contains(marker)}, without making a lower-case copy of every
     * click's agent: only 'A'-'Z' lower-case to a letter of the (ASCII) markers; the two other characters that
     * lower-case to ASCII, the Kelvin sign (to 'k') and 'İ' (to 'i' plus a combining dot), cannot complete a marker.
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

    private static boolean containsIgnoringAsciiCase(String text, String lowerCaseMarker) {
        int last = text.length() - lowerCaseMarker.length();
        for (int start = 0; start <= last; start++) {
            int matched = 0;
            while (matched < lowerCaseMarker.length()
                    && asciiLowerCase(text.charAt(start + matched)) == lowerCaseMarker.charAt(matched)) {
                matched++;
            }
            if (matched == lowerCaseMarker.length()) {
                return true;
            }
        }
        return false;
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
