package dev.eddy.generator.simulation;

import dev.eddy.events.Click;
import dev.eddy.events.RequestLine;
import dev.eddy.events.Topics;
import dev.eddy.events.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimulationBehaviourTest {

    private static final long GAP = 30 * 60_000;

    @Test
    void withinASessionClicksAreCloserThanTheGapAndAUsersNextSessionStartsMoreThanTheGapLater() {
        // Few users and a short gap: users come back often, so the gap between their sessions is exercised.
        SimulationSettings settings = Runs.settings(11).maxEvents(60_000).initialUsers(50).registrationsPerHour(0)
                .sessionGapMillis(5 * 60_000).thinkTimeMaxMillis(4 * 60_000).eventsPerSecond(20)
                .lateFraction(0).outOfOrderFraction(0).build();
        List<Click> clicks = Runs.clicks(Runs.all(settings)).stream().filter(c -> !c.isAnonymous()).toList();

        Map<Integer, List<Click>> byUser = clicks.stream().collect(Collectors.groupingBy(Click::userId));
        int returningUsers = 0;
        for (List<Click> userClicks : byUser.values()) {
            List<Click> sorted = userClicks.stream().sorted((a, b) -> Long.compare(a.eventTime(), b.eventTime()))
                    .toList();
            for (int i = 1; i < sorted.size(); i++) {
                Click previous = sorted.get(i - 1);
                Click current = sorted.get(i);
                long gap = current.eventTime() - previous.eventTime();
                if (current.sessionId().equals(previous.sessionId())) {
                    assertThat(gap).as("think time within session %s", current.sessionId())
                            .isPositive().isLessThan(settings.sessionGapMillis());
                } else {
                    returningUsers++;
                    assertThat(gap).as("pause before session %s", current.sessionId())
                            .isGreaterThan(settings.sessionGapMillis());
                }
            }
        }
        assertThat(returningUsers).as("users coming back for another session").isGreaterThan(100);
    }

    @Test
    void lateAndOutOfOrderFractionsHoldAndNoClickIsLaterThanTheMaximumLateness() {
        SimulationSettings settings = Runs.settings(12).maxEvents(100_000).eventsPerSecond(1_000)
                .lateFraction(0.02).outOfOrderFraction(0.10).outOfOrderMaxDelayMillis(2_000)
                .maxLatenessMillis(45_000).build();
        List<Emission> emissions = Runs.all(settings);
        List<Emission> clicks = emissions.stream().filter(Emission::isClick).toList();
        assertThat(clicks).hasSize(100_000);

        long late = clicks.stream().filter(e -> e.emittedAt() - e.timestamp() > 2_000).count();
        long outOfOrder = clicks.stream().filter(e -> e.emittedAt() - e.timestamp() > 0
                && e.emittedAt() - e.timestamp() <= 2_000).count();
        assertThat((double) late / clicks.size()).isCloseTo(0.02, within(0.003));
        assertThat((double) outOfOrder / clicks.size()).isCloseTo(0.10, within(0.006));
        assertThat(clicks).allSatisfy(e -> assertThat(e.emittedAt() - e.timestamp()).isBetween(0L, 45_000L));

        // What a consumer sees: a click is out of order when a click with a later event time came before it.
        long seenOutOfOrder = 0;
        long maxSeen = Long.MIN_VALUE;
        long worstLag = 0;
        for (Emission click : clicks) {
            if (click.timestamp() < maxSeen) {
                seenOutOfOrder++;
                worstLag = Math.max(worstLag, maxSeen - click.timestamp());
            }
            maxSeen = Math.max(maxSeen, click.timestamp());
        }
        assertThat((double) seenOutOfOrder / clicks.size()).isCloseTo(0.12, within(0.01));
        assertThat(worstLag).isGreaterThan(2_000).isLessThanOrEqualTo(45_000);
        // Emission order follows emission time; the event time itself is never touched.
        for (int i = 1; i < emissions.size(); i++) {
            assertThat(emissions.get(i).emittedAt()).isGreaterThanOrEqualTo(emissions.get(i - 1).emittedAt());
        }
        assertThat(clicks).allSatisfy(e -> assertThat(e.timestamp()).isEqualTo(e.click().eventTime()));
    }

    @Test
    void aClickOfAUserComesAfterThatUsersRegistrationAndTheUserExistsAtTheClicksEventTime() {
        // Few initial users and a high rate: most visits need a new sign-up first.
        SimulationSettings settings = Runs.settings(13).maxEvents(50_000).initialUsers(10).eventsPerSecond(500)
                .userChangesPerHour(3_600).build();
        Map<Integer, User> registered = new HashMap<>();
        Map<Integer, Long> registeredAt = new HashMap<>();
        int knownClicks = 0;
        int changes = 0;
        for (Emission e : Runs.all(settings)) {
            if (e.topic().equals(Topics.USERS)) {
                User user = (User) e.value();
                assertThat(e.key()).isEqualTo(Integer.toString(user.userId()));
                if (registered.containsKey(user.userId())) {
                    changes++;
                    User before = registered.get(user.userId());
                    assertThat(user.level().equals(before.level()) && user.city().equals(before.city()))
                            .as("a change changes something").isFalse();
                    assertThat(e.timestamp()).isGreaterThanOrEqualTo(registeredAt.get(user.userId()));
                } else {
                    // Initial users form a snapshot stamped an hour before the start; later sign-ups are stamped
                    // when they happen.
                    long snapshot = settings.startTime() - 3_600_000L;
                    assertThat(e.timestamp()).isEqualTo(Math.max(user.registeredAt(), snapshot));
                    registeredAt.put(user.userId(), e.timestamp());
                }
                registered.put(user.userId(), user);
            } else if (e.isClick()) {
                Click click = e.click();
                assertThat(e.key()).isEqualTo(Integer.toString(click.userId()));
                if (!click.isAnonymous()) {
                    knownClicks++;
                    assertThat(registered).as("user %d registered before their click", click.userId())
                            .containsKey(click.userId());
                    assertThat(registeredAt.get(click.userId())).isLessThanOrEqualTo(click.eventTime());
                }
            }
        }
        assertThat(knownClicks).isGreaterThan(30_000);
        assertThat(registered.size()).as("users signed up on demand").isGreaterThan(100);
        assertThat(changes).as("level upgrades and city moves").isGreaterThan(0);
    }

    @Test
    void anonymousAndBotSharesOfClicksMatchTheSettingsAndAnonymousClicksNeverReferToAUser() {
        SimulationSettings settings = Runs.settings(14).maxEvents(100_000).eventsPerSecond(2_000)
                .anonymousShare(0.20).botShare(0.10).build();
        List<Click> clicks = Runs.clicks(Runs.all(settings));

        long bots = clicks.stream().filter(Runs::isBot).count();
        long anonymousHumans = clicks.stream().filter(c -> c.isAnonymous() && !Runs.isBot(c)).count();
        assertThat((double) anonymousHumans / clicks.size()).isCloseTo(0.20, within(0.02));
        assertThat((double) bots / clicks.size()).isCloseTo(0.10, within(0.02));
        assertThat(clicks).filteredOn(Runs::isBot).allSatisfy(c -> assertThat(c.userId()).isEqualTo(-1));
        assertThat(clicks).filteredOn(c -> !c.isAnonymous())
                .allSatisfy(c -> assertThat(c.userId()).isPositive());
    }

    @Test
    void theClickRateFollowsTheTargetAndARateChangeTakesEffect() {
        Simulation simulation = new Simulation(Runs.settings(15).eventsPerSecond(150).build());
        long tenMinutes = Runs.START + 10 * 60_000;
        long twentyMinutes = tenMinutes + 10 * 60_000;
        long[] perMinute = new long[20];
        boolean changed = false;
        for (Emission e = simulation.next(); e.emittedAt() < twentyMinutes; e = simulation.next()) {
            if (!changed && e.emittedAt() >= tenMinutes) {
                simulation.setEventsPerSecond(600);
                changed = true;
            }
            if (e.isClick() && e.timestamp() < twentyMinutes) {
                perMinute[(int) ((e.timestamp() - Runs.START) / 60_000)]++;
            }
        }

        long first = 0;
        long laterHalf = 0;
        for (int minute = 0; minute < 20; minute++) {
            first += minute < 10 ? perMinute[minute] : 0;
            // The second period starts with visits begun at the old rate; count its second half only.
            laterHalf += minute >= 15 ? perMinute[minute] : 0;
        }
        assertThat(first / 600.0).isCloseTo(150, within(15.0));
        assertThat(laterHalf / 300.0).isCloseTo(600, within(60.0));
    }

    @Test
    void theDailyShapeMakesNightsQuietAndEveningsBusy() {
        SimulationSettings settings = Runs.settings(16).eventsPerSecond(5).dailyShape(true).initialUsers(100)
                .build();
        Simulation simulation = new Simulation(settings);
        long end = Runs.START + 24 * 3_600_000L;
        long[] perHour = new long[24];
        for (Emission e = simulation.next(); e.emittedAt() < end; e = simulation.next()) {
            if (e.isClick() && e.timestamp() < end) {
                perHour[(int) ((e.timestamp() - Runs.START) / 3_600_000L)]++;
            }
        }

        assertThat(perHour[3] / 3600.0).isCloseTo(5 * DailyShape.factorForHour(3), within(0.5));
        assertThat(perHour[19] / 3600.0).isCloseTo(5 * DailyShape.factorForHour(19), within(1.0));
        assertThat(perHour[19]).isGreaterThan(4 * perHour[3]);
        assertThat(java.util.Arrays.stream(perHour).sum() / 86_400.0).as("daily mean").isCloseTo(5, within(0.5));
    }

    @Test
    void humansWalkTheFunnelWithDropOffWhileBotsCrawlFastWithoutIt() {
        List<Click> clicks = Runs.clicks(Runs.all(Runs.settings(17).maxEvents(60_000).eventsPerSecond(1_000)
                .botShare(0.10).build()));
        Map<String, List<Click>> visits = clicks.stream()
                .collect(Collectors.groupingBy(Click::sessionId, LinkedHashMap::new, Collectors.toList()));

        int sawCart = 0;
        int checkedOut = 0;
        List<Double> botThinkTimes = new ArrayList<>();
        List<Integer> botVisitLengths = new ArrayList<>();
        for (List<Click> emitted : visits.values()) {
            List<Click> visit = emitted.stream().sorted(Comparator.comparingLong(Click::eventTime)).toList();
            Set<String> pages = visit.stream().map(c -> RequestLine.pageOf(c.request())).collect(Collectors.toSet());
            if (Runs.isBot(visit.get(0))) {
                assertThat(pages).doesNotContain("/cart.html", "/checkout.html", "/checkout/complete.html");
                botVisitLengths.add(visit.size());
                for (int i = 1; i < visit.size(); i++) {
                    botThinkTimes.add((double) (visit.get(i).eventTime() - visit.get(i - 1).eventTime()));
                }
            } else if (pages.contains("/cart.html")) {
                sawCart++;
                if (pages.contains("/checkout/complete.html")) {
                    checkedOut++;
                }
            }
        }
        assertThat(sawCart).isGreaterThan(300);
        assertThat((double) checkedOut / sawCart).as("cart to order conversion").isBetween(0.1, 0.7);
        assertThat(botThinkTimes.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .as("bot think time (ms)").isLessThan(2_500);
        assertThat(botThinkTimes).allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(2_000.0));
        assertThat(botVisitLengths.stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(50);
        // Datagen's value domains are all there.
        Set<String> requests = new HashSet<>(clicks.stream().map(Click::request).toList());
        assertThat(requests).contains("GET /index.html HTTP/1.1", "GET /site/user_status.html HTTP/1.1",
                "GET /site/login.html HTTP/1.1", "GET /images/track.png HTTP/1.1",
                "GET /images/logo-small.png HTTP/1.1");
        assertThat(clicks.stream().map(Click::status).collect(Collectors.toSet()))
                .contains(200, 302, 404, 405, 406, 407);
    }
}
