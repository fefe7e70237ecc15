package dev.eddy.generator.simulation;

import dev.eddy.events.Click;
import dev.eddy.events.EventSerdes;
import dev.eddy.events.JsonCodec;
import dev.eddy.events.PageViewsWindow;
import dev.eddy.events.SessionSummary;
import dev.eddy.events.Topics;
import dev.eddy.events.User;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The clickstream simulation: a discrete-event simulation on a simulated clock, pure (no I/O, no wall clock) and
 * deterministic: the same settings give the same sequence of {@link Emission}s, byte for byte.
 *
 * <p>Visits (sessions) arrive as a Poisson process whose rate follows the target click rate (times the daily shape).
 * Each visit is a registered user, an anonymous visitor or a crawler; it requests pages with think time in between
 * and ends by leaving the site. A user starts a new visit only after more than the session gap since their last
 * click. Users register, upgrade and move as Poisson processes of their own; a visit that finds no idle user
 * registers a new one first, so a click always refers to a user whose registration was emitted before it.
 *
 * <p>Clicks are emitted at their event time, except a configured fraction that is delayed a little (out of order)
 * or a lot, up to the maximum lateness (late). The event time is never changed; only the emission position moves.
 * Call {@link #next()} to get records in emission order.
 *
 * <p>Not thread-safe, except {@link #setEventsPerSecond(double)}: one thread drives a simulation.
 */
public final class Simulation {

    private static final long USER_HISTORY_MILLIS = 365L * 24 * 3_600_000;
    /**
     * Visits start arriving this long before the start time, and clicks before the start are dropped, so the stream
     * begins at full rate with visits already in progress instead of ramping up over the first minutes. Capped by a
     * click budget so that very high rates do not spend long warming up.
     */
    private static final long MAX_WARM_UP_MILLIS = 15 * 60_000;
    private static final double WARM_UP_CLICKS = 200_000;

    private final SimulationSettings settings;
    private final String runId;
    private final Draws arrivalDraws;
    private final Draws visitDraws;
    private final Draws userDraws;
    private final Draws deliveryDraws;
    private final DailyShape dailyShape;
    private final UserDirectory users = new UserDirectory();
    private final GroundTruth truth;
    private final ApacheTime apacheTime = new ApacheTime();

    private final JsonCodec<Click> clickCodec = EventSerdes.click().codec();
    private final JsonCodec<User> userCodec = EventSerdes.user().codec();
    private final JsonCodec<PageViewsWindow> pageViewsCodec = EventSerdes.pageViewsWindow().codec();
    private final JsonCodec<SessionSummary> sessionCodec = EventSerdes.sessionSummary().codec();

    /** Scheduled happenings, in simulated time order (ties: scheduling order). */
    private final PriorityQueue<Action> agenda = new PriorityQueue<>();
    /**
     * Generated records waiting for their emission time, ordered by (emission time, generation order). Most are due
     * at the time they are generated, which never decreases, so they form a sorted FIFO; only held-back clicks need
     * the heap. {@link #pollOutput()} merges the two, giving the same order as one heap at a fraction of the cost.
     */
    private final ArrayDeque<Queued> onTime = new ArrayDeque<>();
    private final PriorityQueue<Queued> heldBack = new PriorityQueue<>();
    /** Records released in emission order, handed out by {@link #next()}. */
    private final ArrayDeque<Emission> ready = new ArrayDeque<>();

    private final double[] visitorKindCumulative = new double[VisitorKind.values().length];
    private final double clicksPerVisitInverse;

    private volatile double requestedEventsPerSecond;
    private double eventsPerSecond;
    private final Arrival arrival = new Arrival();

    private long sequence;
    private long clock;
    private long frontier;
    private long clicksGenerated;
    private long clicksEmitted;
    private long visits;
    /** A bounded run generated its last click; what is held back is still to be emitted. */
    private boolean generationOver;
    private boolean done;

    public Simulation(SimulationSettings settings) {
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.arrivalDraws = new Draws(root.split());
        this.visitDraws = new Draws(root.split());
        this.userDraws = new Draws(root.split());
        this.deliveryDraws = new Draws(root.split());
        this.runId = String.format("%08x", UserDirectory.mix(settings.seed() ^ UserDirectory.mix(settings.startTime()))
                >>> 32);
        this.dailyShape = new DailyShape(settings.dailyShape(), settings.dailyShapeZone());
        this.truth = settings.groundTruth()
                ? new GroundTruth(settings.maxLatenessMillis(), settings.sessionGapMillis()) : null;
        this.eventsPerSecond = settings.eventsPerSecond();
        this.requestedEventsPerSecond = eventsPerSecond;
        this.clock = settings.startTime();
        this.frontier = settings.startTime();

        // Visit kinds are drawn so that their share of clicks (not of visits) matches the configured shares.
        double known = 1.0 - settings.anonymousShare() - settings.botShare();
        double[] visitWeights = {known / VisitLengths.HUMAN, settings.anonymousShare() / VisitLengths.HUMAN,
                settings.botShare() / VisitLengths.BOT};
        double total = Arrays.stream(visitWeights).sum();
        double cumulative = 0;
        for (int i = 0; i < visitWeights.length; i++) {
            cumulative += visitWeights[i] / total;
            visitorKindCumulative[i] = cumulative;
        }
        visitorKindCumulative[visitWeights.length - 1] = 1.0;
        this.clicksPerVisitInverse = total;

        registerInitialUsers();
        long warmUp = Math.min(MAX_WARM_UP_MILLIS, (long) (WARM_UP_CLICKS * 1000 / settings.eventsPerSecond()));
        clock = settings.startTime() - warmUp;
        arrival.exactTime = clock;
        arrival.schedule(clock);
        if (settings.registrationsPerHour() > 0) {
            new Registration().schedule(settings.startTime() + poissonGap(settings.registrationsPerHour(), userDraws));
        }
        if (settings.userChangesPerHour() > 0) {
            new UserChange().schedule(settings.startTime() + poissonGap(settings.userChangesPerHour(), userDraws));
        }
    }

    /**
     * The next record in emission order, or {@code null} once a bounded run has emitted its clicks (exactly
     * {@code maxEvents}: held-back clicks are emitted too) and flushed its ground truth. An unbounded simulation never returns {@code null}.
     */
    public Emission next() {
        while (true) {
            Emission released = ready.poll();
            if (released != null) {
                return released;
            }
            if (done) {
                return null;
            }
            Queued head = peekOutput();
            if (generationOver) {
                // A bounded run generated its last click: emit what is still held back, then the remaining truth.
                if (head == null) {
                    if (truth != null) {
                        truth.flush(this::publishTruth);
                    }
                    done = true;
                } else {
                    pollOutput();
                    deliver(head.emission);
                }
                continue;
            }
            // Everything not generated yet is emitted at or after the next action's time.
            if (head != null && head.emission.emittedAt() <= agenda.peek().time) {
                pollOutput();
                deliver(head.emission);
            } else {
                runNextAction();
            }
        }
    }

    /** Changes the target click rate from now on (safe to call from any thread). */
    public void setEventsPerSecond(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("events per second must be > 0, was " + value);
        }
        requestedEventsPerSecond = value;
    }

    public double eventsPerSecond() {
        return requestedEventsPerSecond;
    }

    /** Simulated time of the last emitted record (the emission frontier). */
    public long simulatedTime() {
        return frontier;
    }

    public long clicksEmitted() {
        return clicksEmitted;
    }

    public int usersRegistered() {
        return users.count();
    }

    public boolean isDone() {
        return done && ready.isEmpty();
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** Identifies this run in event and session ids: a hash of seed and start time. */
    public String runId() {
        return runId;
    }

    private void deliver(Emission emission) {
        frontier = emission.emittedAt();
        ready.add(emission);
        if (emission.isClick()) {
            clicksEmitted++;
            if (truth != null) {
                truth.observe(emission.click());
            }
        }
        if (truth != null) {
            truth.advance(frontier, this::publishTruth);
        }
    }

    private void publishTruth(Object result) {
        if (result instanceof PageViewsWindow window) {
            ready.add(new Emission(Topics.TRUTH_PAGE_VIEWS, window.page(), window, pageViewsCodec.encode(window),
                    window.windowStart(), frontier));
        } else {
            SessionSummary session = (SessionSummary) result;
            ready.add(new Emission(Topics.TRUTH_SESSIONS, session.key(), session, sessionCodec.encode(session),
                    session.sessionStart(), frontier));
        }
    }

    private void runNextAction() {
        if (requestedEventsPerSecond != eventsPerSecond) {
            // Waiting times of a Poisson process are memoryless: redrawing the next arrival at the new rate from now
            // is exact, and a rate raised from very low takes effect at once.
            eventsPerSecond = requestedEventsPerSecond;
            agenda.remove(arrival);
            arrival.exactTime = clock;
            arrival.scheduleNext();
        }
        Action action = agenda.poll();
        clock = action.time;
        action.run();
    }

    private void registerInitialUsers() {
        long[] times = new long[settings.initialUsers()];
        long latest = settings.startTime() - 3_600_000L;
        for (int i = 0; i < times.length; i++) {
            times[i] = userDraws.between(Math.max(1, latest - USER_HISTORY_MILLIS), latest);
        }
        Arrays.sort(times);
        // The initial table is published as a snapshot valid from `latest`, not back-dated to each sign-up: a user
        // record stamped a year ago would fall outside the enricher's versioned users history whenever the table
        // already holds newer versions (a second `./eddy up` on the same data) and be dead-lettered. The true sign-up
        // time stays in registered_at, and no click comes before the snapshot.
        for (long registeredAt : times) {
            publishUser(users.register(registeredAt, userDraws), latest);
        }
    }

    private void publishUser(User user, long timestamp) {
        // Users who signed up during the warm-up are published at the start, before any click of theirs.
        long emittedAt = Math.max(clock, settings.startTime());
        queue(new Emission(Topics.USERS, user.key(), user, userCodec.encode(user), timestamp, emittedAt));
    }

    private void queue(Emission emission) {
        Queued queued = new Queued(emission, sequence++);
        if (emission.emittedAt() == clock) {
            onTime.add(queued);
        } else {
            heldBack.add(queued);
        }
    }

    private Queued peekOutput() {
        Queued a = onTime.peek();
        Queued b = heldBack.peek();
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) < 0 ? a : b;
    }

    private void pollOutput() {
        Queued head = peekOutput();
        if (head == onTime.peek()) {
            onTime.poll();
        } else {
            heldBack.poll();
        }
    }

    private void emitClick(Visit visit, SiteMap.PageRequest page, int status, String referrer, long t) {
        if (t < settings.startTime()) {
            return; // warm-up: the visit is under way, but the stream starts at the start time
        }
        long bytes = SiteMap.bytes(page, status, visitDraws);
        String eventId = runId + "-" + (clicksGenerated++);
        Click click = new Click(visit.ip, visit.userId, ValueDomains.REMOTE_USER, apacheTime.format(t), t,
                page.request(), status, bytes, referrer, visit.agent, visit.sessionId, eventId);
        queue(new Emission(Topics.CLICKS, click.key(), click, clickCodec.encode(click), t, t + deliveryDelay()));
        if (settings.bounded() && clicksGenerated >= settings.maxEvents()) {
            generationOver = true;
        }
    }

    /** 0 for an on-time click; a small delay for an out-of-order one; up to the maximum lateness for a late one. */
    private long deliveryDelay() {
        double u = deliveryDraws.uniform();
        if (u < settings.lateFraction()) {
            return deliveryDraws.between(settings.outOfOrderMaxDelayMillis() + 1, settings.maxLatenessMillis());
        }
        if (u < settings.lateFraction() + settings.outOfOrderFraction()) {
            return deliveryDraws.between(1, settings.outOfOrderMaxDelayMillis());
        }
        return 0;
    }

    private long poissonGap(double perHour, Draws draws) {
        return Math.max(1, (long) draws.exponential(3_600_000.0 / perHour));
    }

    private long humanThinkTime() {
        long mean = settings.thinkTimeMeanMillis();
        long max = settings.thinkTimeMaxMillis();
        // Nobody clicks again within a few hundred milliseconds: a fixed part plus an exponential part.
        long fixed = Math.min(1000, mean / 2);
        for (int attempt = 0; attempt < 8; attempt++) {
            long think = fixed + (long) visitDraws.exponential(mean - fixed);
            if (think <= max) {
                return Math.max(1, think);
            }
        }
        return max;
    }

    private long botThinkTime() {
        return Math.max(1, Math.min(settings.thinkTimeMaxMillis(), visitDraws.between(200, 2000)));
    }

    private VisitorKind drawVisitorKind() {
        return VisitorKind.values()[arrivalDraws.weighted(visitorKindCumulative)];
    }

    private String randomVisitorIp() {
        int first = ValueDomains.VISITOR_FIRST_OCTETS[visitDraws.index(ValueDomains.VISITOR_FIRST_OCTETS.length)];
        return first + "." + visitDraws.index(256) + "." + visitDraws.index(256) + "." + (1 + visitDraws.index(254));
    }

    /** Something that happens at a simulated time. */
    private abstract class Action implements Comparable<Action> {
        long time;
        long seq;

        @Override
        public int compareTo(Action other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }

        void schedule(long at) {
            time = at;
            seq = sequence++;
            agenda.add(this);
        }

        abstract void run();
    }

    /** The next visit arrives. */
    private final class Arrival extends Action {
        /** Arrival times are kept in fractions of a millisecond so rounding does not bias high rates. */
        double exactTime;

        @Override
        void run() {
            startVisit(time);
            scheduleNext();
        }

        void scheduleNext() {
            double clicksPerMilli = eventsPerSecond * dailyShape.factorAt(clock) / 1000.0;
            double visitsPerMilli = clicksPerMilli * clicksPerVisitInverse;
            exactTime += arrivalDraws.exponential(1.0 / visitsPerMilli);
            schedule(Math.max(clock, (long) exactTime));
        }
    }

    private void startVisit(long now) {
        VisitorKind kind = drawVisitorKind();
        Visit visit = new Visit(kind, runId + "-s" + (visits++));
        switch (kind) {
            case KNOWN_USER -> {
                users.wakeUp(now);
                int userId = users.takeIdle(userDraws);
                if (userId == 0) {
                    // Every user is browsing or resting: someone new signs up for this visit.
                    publishUser(users.register(now, userDraws), now);
                    userId = users.takeIdle(userDraws);
                }
                visit.userId = userId;
                visit.ip = users.ip(userId);
                visit.agent = users.agent(userId);
            }
            case ANONYMOUS -> {
                visit.userId = Click.ANONYMOUS_USER_ID;
                visit.ip = randomVisitorIp();
                visit.agent = ValueDomains.BROWSER_AGENTS.get(visitDraws.weighted(ValueDomains.BROWSER_AGENT_WEIGHTS));
            }
            case BOT -> {
                visit.userId = Click.ANONYMOUS_USER_ID;
                boolean google = visitDraws.chance(0.8);
                visit.ip = google ? "66.249." + visitDraws.between(64, 79) + "." + visitDraws.between(1, 254)
                        : "157.55." + visitDraws.between(0, 255) + "." + visitDraws.between(1, 254);
                visit.agent = google ? ValueDomains.GOOGLEBOT_AGENT : ValueDomains.BINGBOT_AGENT;
                visit.botLength = VisitBehaviour.botVisitLength(visitDraws);
            }
        }
        visit.page = VisitBehaviour.entryPage(kind, visitDraws);
        visit.schedule(now);
    }

    /** One visit in progress; it is its own next step on the agenda. */
    private final class Visit extends Action {
        final VisitorKind kind;
        final String sessionId;
        int userId;
        String ip;
        String agent;
        int botLength;
        PageKind page;
        int pages;
        /** Path of the page on screen, for referrers; {@code null} before the first page. */
        String currentPath;
        boolean imageNext;

        Visit(VisitorKind kind, String sessionId) {
            this.kind = kind;
            this.sessionId = sessionId;
        }

        @Override
        void run() {
            if (imageNext) {
                imageNext = false;
                SiteMap.PageRequest image = visitDraws.chance(0.7) ? SiteMap.TRACKING_PIXEL : SiteMap.LOGO;
                emitClick(this, image, 200, ValueDomains.SITE + currentPath, time);
            } else {
                SiteMap.PageRequest request = SiteMap.request(page, visitDraws);
                int status = kind == VisitorKind.BOT ? SiteMap.botStatus(visitDraws)
                        : SiteMap.humanStatus(page, visitDraws);
                emitClick(this, request, status, referrer(), time);
                currentPath = request.path();
                pages++;
                if (VisitBehaviour.fetchesImage(kind, visitDraws)) {
                    imageNext = true;
                    schedule(time + Math.min(settings.thinkTimeMaxMillis(), visitDraws.between(20, 300)));
                    return;
                }
            }
            page = VisitBehaviour.nextPage(kind, page, pages, botLength, visitDraws);
            if (page == PageKind.EXIT) {
                if (kind == VisitorKind.KNOWN_USER) {
                    // "More than the gap": the next visit's first click is at least gap + 1 ms after this one.
                    users.rest(userId, time + settings.sessionGapMillis() + 1);
                }
                return;
            }
            schedule(time + (kind == VisitorKind.BOT ? botThinkTime() : humanThinkTime()));
        }

        private String referrer() {
            if (currentPath != null) {
                return kind == VisitorKind.BOT ? ValueDomains.NO_REFERRER : ValueDomains.SITE + currentPath;
            }
            boolean fromSearchEngine = kind != VisitorKind.BOT
                    && (page == PageKind.PRODUCT || page == PageKind.SEARCH) && visitDraws.chance(0.5);
            return fromSearchEngine ? ValueDomains.SEARCH_ENGINE_REFERRER : ValueDomains.NO_REFERRER;
        }
    }

    /** A new user signs up. */
    private final class Registration extends Action {
        @Override
        void run() {
            publishUser(users.register(time, userDraws), time);
            schedule(time + poissonGap(settings.registrationsPerHour(), userDraws));
        }
    }

    /** A user is upgraded or moves. */
    private final class UserChange extends Action {
        @Override
        void run() {
            if (users.count() > 0) {
                publishUser(users.changeSomeone(userDraws), time);
            }
            schedule(time + poissonGap(settings.userChangesPerHour(), userDraws));
        }
    }

    private record Queued(Emission emission, long seq) implements Comparable<Queued> {
        @Override
        public int compareTo(Queued other) {
            int byTime = Long.compare(emission.emittedAt(), other.emission.emittedAt());
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }
}
