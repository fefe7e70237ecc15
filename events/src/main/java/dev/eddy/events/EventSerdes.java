package dev.eddy.events;

/** One serde per contract, so services do not each spell out the record class and the codec. */
public final class EventSerdes {

    private EventSerdes() {
    }

    public static JsonSerde<Click> click() {
        return new JsonSerde<>(Click.class);
    }

    public static JsonSerde<User> user() {
        return new JsonSerde<>(User.class);
    }

    public static JsonSerde<StatusCode> statusCode() {
        return new JsonSerde<>(StatusCode.class);
    }

    public static JsonSerde<EnrichedClick> enrichedClick() {
        return new JsonSerde<>(EnrichedClick.class);
    }

    public static JsonSerde<SessionSummary> sessionSummary() {
        return new JsonSerde<>(SessionSummary.class);
    }

    public static JsonSerde<PageViewsWindow> pageViewsWindow() {
        return new JsonSerde<>(PageViewsWindow.class);
    }

    public static JsonSerde<UserActivityWindow> userActivityWindow() {
        return new JsonSerde<>(UserActivityWindow.class);
    }

    public static JsonSerde<ErrorRateWindow> errorRateWindow() {
        return new JsonSerde<>(ErrorRateWindow.class);
    }

    public static JsonSerde<ErrorAlert> errorAlert() {
        return new JsonSerde<>(ErrorAlert.class);
    }

    public static JsonSerde<SegmentActivityWindow> segmentActivityWindow() {
        return new JsonSerde<>(SegmentActivityWindow.class);
    }
}
