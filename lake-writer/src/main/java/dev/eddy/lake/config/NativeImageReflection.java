package dev.eddy.lake.config;

import dev.eddy.events.EnrichedClick;
import dev.eddy.events.ErrorAlert;
import dev.eddy.events.ErrorRateWindow;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SegmentActivityWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.UserActivityWindow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The event records this service reads or writes with Jackson live in another module, so Quarkus cannot see that
 * they need reflection in a native executable; this registration says so. Unused on the JVM.
 */
@RegisterForReflection(targets = {EnrichedClick.class, UserActivityWindow.class, PageViewsWindow.class, SessionSummary.class,
        ErrorRateWindow.class, SegmentActivityWindow.class, ErrorAlert.class})
final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
