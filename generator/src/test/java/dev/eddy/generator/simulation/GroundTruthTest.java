package dev.eddy.generator.simulation;

import dev.eddy.events.Click;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.RequestLine;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTest {

    private static final SimulationSettings SETTINGS = Runs.settings(21).maxEvents(60_000).eventsPerSecond(100)
            .initialUsers(200).sessionGapMillis(10 * 60_000).thinkTimeMaxMillis(5 * 60_000)
            .lateFraction(0.03).outOfOrderFraction(0.10).maxLatenessMillis(90_000).build();

    @Test
    void pageViewsPerMinuteEqualACountOfTheEmittedClicks() {
        List<Emission> emissions = Runs.all(SETTINGS);

        Map<String, Long> expected = new HashMap<>();
        for (Click click : Runs.clicks(emissions)) {
            long windowStart = click.eventTime() - Math.floorMod(click.eventTime(), 60_000L);
            expected.merge(RequestLine.pageOf(click.request()) + "@" + windowStart, 1L, Long::sum);
        }
        Map<String, Long> published = new HashMap<>();
        for (Emission e : emissions) {
            if (e.topic().equals(Topics.TRUTH_PAGE_VIEWS)) {
                PageViewsWindow window = (PageViewsWindow) e.value();
                assertThat(e.key()).isEqualTo(window.page());
                assertThat(window.windowEnd() - window.windowStart()).isEqualTo(60_000);
                Long previous = published.put(window.page() + "@" + window.windowStart(), window.views());
                assertThat(previous).as("one record per page and window").isNull();
            }
        }
        assertThat(published).isEqualTo(expected);
    }

    @Test
    void sessionSummariesEqualASessionisationOfTheEmittedClicksOfKnownUsers() {
        List<Emission> emissions = Runs.all(SETTINGS);

        List<SessionSummary> expected = sessionise(Runs.clicks(emissions), SETTINGS.sessionGapMillis());
        List<SessionSummary> published = emissions.stream().filter(e -> e.topic().equals(Topics.TRUTH_SESSIONS))
                .map(e -> (SessionSummary) e.value()).toList();
        assertThat(published).doesNotHaveDuplicates();
        assertThat(published).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(published).anyMatch(SessionSummary::bounce).anyMatch(s -> s.events() > 5);
        assertThat(published).allSatisfy(s -> assertThat(s.userId()).isPositive());
    }

    @Test
    void aResultIsPublishedOnlyOnceNoClickThatChangesItCanStillCome() {
        List<Emission> emissions = Runs.all(SETTINGS);
        Map<String, Integer> lastClickOfWindow = new HashMap<>();
        int lastClick = 0;
        for (int i = 0; i < emissions.size(); i++) {
            if (emissions.get(i).isClick()) {
                Click click = emissions.get(i).click();
                long windowStart = click.eventTime() - Math.floorMod(click.eventTime(), 60_000L);
                lastClickOfWindow.put(RequestLine.pageOf(click.request()) + "@" + windowStart, i);
                lastClick = i;
            }
        }
        int beforeTheEnd = 0;
        for (int i = 0; i < emissions.size(); i++) {
            Emission e = emissions.get(i);
            if (e.topic().equals(Topics.TRUTH_PAGE_VIEWS)) {
                PageViewsWindow window = (PageViewsWindow) e.value();
                assertThat(lastClickOfWindow.get(window.page() + "@" + window.windowStart()))
                        .as("last click counted in %s comes before it is published", window).isLessThan(i);
                if (i < lastClick) {
                    beforeTheEnd++;
                    assertThat(e.emittedAt()).isGreaterThanOrEqualTo(window.windowEnd() + SETTINGS.maxLatenessMillis());
                }
            }
        }
        assertThat(beforeTheEnd).as("windows published while the run was going").isGreaterThan(100);
    }

    @Test
    void theGroundTruthCanBeSwitchedOff() {
        List<Emission> emissions = Runs.all(SETTINGS.toBuilder().groundTruth(false).maxEvents(5_000).build());
        assertThat(emissions).extracting(Emission::topic).containsOnly(Topics.CLICKS, Topics.USERS);
    }

    /** The textbook definition, computed in one batch: sort each user's clicks, split where the gap is exceeded. */
    static List<SessionSummary> sessionise(List<Click> clicks, long gap) {
        Map<Integer, List<Click>> byUser = clicks.stream().filter(c -> !c.isAnonymous())
                .collect(Collectors.groupingBy(Click::userId));
        List<SessionSummary> sessions = new ArrayList<>();
        for (Map.Entry<Integer, List<Click>> entry : byUser.entrySet()) {
            List<Click> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingLong(Click::eventTime));
            List<Click> current = new ArrayList<>();
            for (Click click : sorted) {
                if (!current.isEmpty() && click.eventTime() - current.get(current.size() - 1).eventTime() > gap) {
                    sessions.add(summary(entry.getKey(), current));
                    current = new ArrayList<>();
                }
                current.add(click);
            }
            sessions.add(summary(entry.getKey(), current));
        }
        return sessions;
    }

    private static SessionSummary summary(int userId, List<Click> session) {
        Set<String> pages = new HashSet<>();
        session.forEach(c -> pages.add(RequestLine.pageOf(c.request())));
        Click first = session.get(0);
        Click last = session.get(session.size() - 1);
        return new SessionSummary(userId, first.eventTime(), last.eventTime(), session.size(), pages.size(),
                RequestLine.pageOf(first.request()), RequestLine.pageOf(last.request()), session.size() == 1);
    }
}
