package dev.eddy.events;

/**
 * The meaning of a click's {@code request} field ({@code "GET /site/login.html HTTP/1.1"}), shared so that the
 * generator's ground truth and the pipeline agree on what "a page" is: the request path without query string or
 * fragment.
 */
public record RequestLine(String method, String page) {

    /**
     * Splits an Apache-style request line. A bare path ({@code "/index.html"}) is accepted with method {@code GET};
     * anything without a path starting with {@code /} is rejected, naming the {@code request} field.
     */
    public static RequestLine parse(String request) {
        Validation.requireText(request, "request");
        String trimmed = request.strip();
        int firstSpace = trimmed.indexOf(' ');
        String method = firstSpace < 0 ? "GET" : trimmed.substring(0, firstSpace);
        String rest = firstSpace < 0 ? trimmed : trimmed.substring(firstSpace + 1).stripLeading();
        int secondSpace = rest.indexOf(' ');
        String target = secondSpace < 0 ? rest : rest.substring(0, secondSpace);
        if (!target.startsWith("/")) {
            throw new EventFormatException(EventFormatException.Kind.INVALID_VALUE, "request",
                    "must contain a path starting with '/', was '" + abbreviate(request) + "'");
        }
        return new RequestLine(method, stripQueryAndFragment(target));
    }

    /** The page of a request line; see {@link #parse(String)}. */
    public static String pageOf(String request) {
        return parse(request).page();
    }

    private static String stripQueryAndFragment(String target) {
        int end = target.length();
        int query = target.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = target.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return target.substring(0, end);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
