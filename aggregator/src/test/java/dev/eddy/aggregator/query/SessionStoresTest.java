package dev.eddy.aggregator.query;

import dev.eddy.aggregator.query.SessionStores.UserSession;
import dev.eddy.aggregator.streams.SessionAggregate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How the reads of the open and the closed sessions of a partition are put together. */
class SessionStoresTest {

    @Test
    void anOpenSessionReadBeforeItClosedIsReportedOnceEvenIfItGrewMeanwhile() {
        // User 1's session was read open as 00:00-00:05, then grew to 00:09 and closed before the closed store was
        // read; user 2's is still open; user 3 has one closed and one later open session.
        List<UserSession> closed = List.of(entry("1", 0, 540), entry("3", 0, 60));
        List<UserSession> open = List.of(entry("1", 0, 300), entry("2", 0, 300), entry("3", 2000, 2100));

        assertThat(SessionStores.combine(closed, open)).containsExactlyInAnyOrder(
                entry("1", 0, 540), entry("3", 0, 60), entry("2", 0, 300), entry("3", 2000, 2100));
    }

    @Test
    void theSameSessionFoundInBothStoresIsReportedOnce() {
        assertThat(SessionStores.combine(List.of(entry("1", 0, 60)), List.of(entry("1", 0, 60))))
                .containsExactly(entry("1", 0, 60));
    }

    private static UserSession entry(String user, long startSeconds, long endSeconds) {
        return new UserSession(user, new SessionAggregate(2, startSeconds * 1000, "/a", endSeconds * 1000, "/b",
                Set.of("/a", "/b")));
    }
}
