package dev.eddy.launcher.topics;

import dev.eddy.events.StatusCode;

import java.util.List;

/**
 * The HTTP status codes local mode puts in the reference table: Datagen's {@code clickstream_codes} (200, 302, 404,
 * 405, 406, 407, with its wording) plus the codes a real web log shows most often.
 */
public final class StatusCodeCatalog {

    private static final List<StatusCode> CODES = List.of(
            new StatusCode(200, "Successful"),
            new StatusCode(201, "Created"),
            new StatusCode(204, "No content"),
            new StatusCode(206, "Partial content"),
            new StatusCode(301, "Moved permanently"),
            new StatusCode(302, "Redirect"),
            new StatusCode(303, "See other"),
            new StatusCode(304, "Not modified"),
            new StatusCode(307, "Temporary redirect"),
            new StatusCode(308, "Permanent redirect"),
            new StatusCode(400, "Bad request"),
            new StatusCode(401, "Unauthorized"),
            new StatusCode(403, "Forbidden"),
            new StatusCode(404, "Page not found"),
            new StatusCode(405, "Method not allowed"),
            new StatusCode(406, "Not acceptable"),
            new StatusCode(407, "Proxy authentication required"),
            new StatusCode(408, "Request timeout"),
            new StatusCode(409, "Conflict"),
            new StatusCode(410, "Gone"),
            new StatusCode(413, "Payload too large"),
            new StatusCode(414, "URI too long"),
            new StatusCode(415, "Unsupported media type"),
            new StatusCode(429, "Too many requests"),
            new StatusCode(500, "Internal server error"),
            new StatusCode(501, "Not implemented"),
            new StatusCode(502, "Bad gateway"),
            new StatusCode(503, "Service unavailable"),
            new StatusCode(504, "Gateway timeout"));

    private StatusCodeCatalog() {
    }

    public static List<StatusCode> all() {
        return CODES;
    }
}
