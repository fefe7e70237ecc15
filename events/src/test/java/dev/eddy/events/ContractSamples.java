package dev.eddy.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** One realistic instance of each contract, by the name of its JSON Schema in docs/schemas. */
final class ContractSamples {

    static final long T = 1_795_297_560_000L;

    private ContractSamples() {
    }

    static Map<String, Object> all() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("clickstream", new Click("111.152.45.45", 7, "-", "21/Nov/2026:21:46:00 +0000", T,
                "GET /product/42?ref=home HTTP/1.1", 200, 4096, "-", "Mozilla/5.0 Chrome/59.0", "s-7-1", "1-1"));
        samples.put("clickstream.users", new User(7, "akatz1022", 1_407_645_330_000L, "Elwyn", "Vanyard",
                "London", "Gold"));
        samples.put("clickstream.status-codes", new StatusCode(404, "Page not found"));
        samples.put("clickstream.enriched", new EnrichedClick("1-1", "s-7-1", "111.152.45.45", 7, "-",
                "21/Nov/2026:21:46:00 +0000", T, "GET /product/42?ref=home HTTP/1.1", "GET", "/product/42", 200,
                "Successful", false, 4096, "-", "Mozilla/5.0 Chrome/59.0", false, true, "akatz1022", "Elwyn",
                "Vanyard", "London", "Gold", 1_407_645_330_000L));
        samples.put("page-views-window", new PageViewsWindow("/index.html", T, T + 60_000, 12));
        samples.put("user-activity-window", new UserActivityWindow(7, T, T + 60_000, 5));
        samples.put("session-summary", new SessionSummary(7, T, T + 95_000, 4, 3, "/index.html", "/checkout",
                false));
        samples.put("error-rate-window", new ErrorRateWindow(404, T, T + 60_000, 9));
        samples.put("error-alert", new ErrorAlert(404, T, T + 60_000, 9, 5));
        samples.put("segment-activity-window", new SegmentActivityWindow("London", "Gold", T, T + 60_000, 30, 4));
        return samples;
    }
}
