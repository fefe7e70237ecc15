package dev.eddy.aggregator.query;

import dev.eddy.aggregator.streams.StoreNames;

/** Parsing of request parameters; every failure is a {@link BadQueryException} that names the parameter. */
public final class QueryParams {

    private static final int MAX_PAGE_LENGTH = 2048;

    private QueryParams() {
    }

    static long instant(String name, String text) {
        return TimeRange.parseInstant(name, required(name, text));
    }

    public static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadQueryException("parameter '" + name + "' is required");
        }
        return value;
    }

    /** A user id as clicks carry it: -1 (anonymous) or a non-negative integer. */
    public static int userId(String text, boolean allowAnonymous) {
        String value = required("userId", text).strip();
        int id;
        try {
            id = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadQueryException("user id must be an integer, was '" + abbreviate(text) + "'");
        }
        int min = allowAnonymous ? -1 : 0;
        if (id < min) {
            throw new BadQueryException("user id must be " + (allowAnonymous ? "-1 (anonymous) or " : "")
                    + ">= 0, was " + id);
        }
        return id;
    }

    /** A page as the pipeline names it: a path starting with '/', without query string. */
    public static String page(String text) {
        String page = required("page", text);
        if (!page.startsWith("/") || page.length() > MAX_PAGE_LENGTH || page.chars().anyMatch(Character::isISOControl)) {
            throw new BadQueryException("page must be a path starting with '/' (at most " + MAX_PAGE_LENGTH
                    + " characters), was '" + abbreviate(page) + "'");
        }
        return page;
    }

    /** The page-views window: {@code 1m} (tumbling) or {@code 5m} (hopping); returns the store name. */
    public static String pageViewsStore(String window) {
        String value = required("window", window).strip();
        return switch (value) {
            case "1m" -> StoreNames.PAGE_VIEWS_1M;
            case "5m" -> StoreNames.PAGE_VIEWS_5M;
            default -> throw new BadQueryException("window must be '1m' (tumbling) or '5m' (hopping), was '"
                    + abbreviate(value) + "'");
        };
    }

    public static int status(String text) {
        String value = required("status", text).strip();
        try {
            int status = Integer.parseInt(value);
            if (status >= 400 && status <= 599) {
                return status;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadQueryException("status must be an HTTP error status between 400 and 599, was '"
                + abbreviate(value) + "'");
    }

    public static int topN(String text, int max) {
        if (text == null || text.isBlank()) {
            return Math.min(10, max);
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadQueryException("n must be an integer between 1 and " + max + ", was '" + abbreviate(text) + "'");
    }

    /** Stale reads are asked for with {@code allowStale=true} or the {@code X-Eddy-Allow-Stale: true} header. */
    public static boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadQueryException(name + " must be true or false, was '" + abbreviate(text) + "'");
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
