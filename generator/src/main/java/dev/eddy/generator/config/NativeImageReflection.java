package dev.eddy.generator.config;

import dev.eddy.events.Click;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.User;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The event records this service reads or writes with Jackson live in another module, so Quarkus cannot see that
 * they need reflection in a native executable; this registration says so. Unused on the JVM.
 */
@RegisterForReflection(targets = {Click.class, User.class, PageViewsWindow.class, SessionSummary.class})
final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
