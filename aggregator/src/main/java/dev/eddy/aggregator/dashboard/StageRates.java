package dev.eddy.aggregator.dashboard;

/**
 * Rate of an offset sum between two samples, in offsets per second. Offsets of topics written transactionally
 * include commit markers, so the rate slightly overstates records per second; the dashboard says so.
 */
final class StageRates {

    private StageRates() {
    }

    /** Null when there is no earlier sample, time did not advance, or offsets went backwards (topic recreated). */
    static Double rate(Long before, long beforeAt, Long now, long nowAt) {
        if (before == null || now == null || nowAt <= beforeAt || now < before) {
            return null;
        }
        return (now - before) * 1000.0 / (nowAt - beforeAt);
    }
}
