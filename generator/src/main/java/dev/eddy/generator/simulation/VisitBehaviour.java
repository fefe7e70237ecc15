package dev.eddy.generator.simulation;

import java.util.EnumMap;
import java.util.Map;

import static dev.eddy.generator.simulation.PageKind.CART;
import static dev.eddy.generator.simulation.PageKind.CATEGORY;
import static dev.eddy.generator.simulation.PageKind.CHECKOUT;
import static dev.eddy.generator.simulation.PageKind.EXIT;
import static dev.eddy.generator.simulation.PageKind.HOME;
import static dev.eddy.generator.simulation.PageKind.LOGIN;
import static dev.eddy.generator.simulation.PageKind.ORDER_COMPLETE;
import static dev.eddy.generator.simulation.PageKind.PRODUCT;
import static dev.eddy.generator.simulation.PageKind.ROBOTS;
import static dev.eddy.generator.simulation.PageKind.SEARCH;
import static dev.eddy.generator.simulation.PageKind.USER_STATUS;

/**
 * How visitors move through the shop. Humans follow a Markov chain with a shopping funnel (home → category/search →
 * product → cart → checkout → order complete) and drop off at every step; after a page they sometimes fetch an image
 * (the tracking pixel or the logo) a moment later. Crawlers start at robots.txt and walk product and category pages
 * quickly, never entering the funnel, for a length chosen up front.
 */
final class VisitBehaviour {

    /** Longest human visit in pages; a safety net, the chain ends far earlier in practice. */
    static final int MAX_HUMAN_PAGES = 200;
    static final int MIN_BOT_PAGES = 20;
    static final int MAX_BOT_PAGES = 150;
    static final double IMAGE_AFTER_PAGE = 0.3;

    private record Transitions(PageKind[] targets, double[] cumulative) {
    }

    private static final Transitions HUMAN_ENTRY = transitions(
            HOME, 0.40, PRODUCT, 0.25, CATEGORY, 0.15, SEARCH, 0.10, LOGIN, 0.10);
    private static final Map<PageKind, Transitions> HUMAN = new EnumMap<>(PageKind.class);

    static {
        HUMAN.put(HOME, transitions(CATEGORY, 0.30, PRODUCT, 0.20, SEARCH, 0.15, LOGIN, 0.10, CART, 0.03, EXIT, 0.22));
        HUMAN.put(CATEGORY, transitions(PRODUCT, 0.55, CATEGORY, 0.10, HOME, 0.08, SEARCH, 0.05, EXIT, 0.22));
        HUMAN.put(PRODUCT, transitions(PRODUCT, 0.22, CART, 0.20, CATEGORY, 0.12, SEARCH, 0.06, HOME, 0.05,
                EXIT, 0.35));
        HUMAN.put(SEARCH, transitions(PRODUCT, 0.55, SEARCH, 0.15, CATEGORY, 0.05, EXIT, 0.25));
        HUMAN.put(CART, transitions(CHECKOUT, 0.50, PRODUCT, 0.20, HOME, 0.05, EXIT, 0.25));
        HUMAN.put(CHECKOUT, transitions(ORDER_COMPLETE, 0.60, CART, 0.10, EXIT, 0.30));
        HUMAN.put(ORDER_COMPLETE, transitions(HOME, 0.15, PRODUCT, 0.05, EXIT, 0.80));
        HUMAN.put(LOGIN, transitions(USER_STATUS, 0.65, HOME, 0.20, EXIT, 0.15));
        HUMAN.put(USER_STATUS, transitions(HOME, 0.35, PRODUCT, 0.20, CATEGORY, 0.10, EXIT, 0.35));
    }

    private static final Transitions CRAWL = transitions(PRODUCT, 0.60, CATEGORY, 0.25, HOME, 0.10, SEARCH, 0.05);

    private VisitBehaviour() {
    }

    static PageKind entryPage(VisitorKind kind, Draws draws) {
        return kind == VisitorKind.BOT ? ROBOTS : choose(HUMAN_ENTRY, draws);
    }

    /** Pages a crawler visit will request in all, decided when it arrives. */
    static int botVisitLength(Draws draws) {
        return (int) draws.between(MIN_BOT_PAGES, MAX_BOT_PAGES);
    }

    static boolean fetchesImage(VisitorKind kind, Draws draws) {
        return kind != VisitorKind.BOT && draws.chance(IMAGE_AFTER_PAGE);
    }

    /**
     * The page after {@code current}, or {@link PageKind#EXIT}.
     *
     * @param pagesSoFar pages this visit requested so far
     * @param botLength  for crawlers, the planned number of pages
     */
    static PageKind nextPage(VisitorKind kind, PageKind current, int pagesSoFar, int botLength, Draws draws) {
        if (kind == VisitorKind.BOT) {
            return pagesSoFar >= botLength ? EXIT : choose(CRAWL, draws);
        }
        if (pagesSoFar >= MAX_HUMAN_PAGES) {
            return EXIT;
        }
        return choose(HUMAN.get(current), draws);
    }

    private static PageKind choose(Transitions transitions, Draws draws) {
        return transitions.targets()[draws.weighted(transitions.cumulative())];
    }

    private static Transitions transitions(Object... pairs) {
        int n = pairs.length / 2;
        PageKind[] targets = new PageKind[n];
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            targets[i] = (PageKind) pairs[2 * i];
            sum += (Double) pairs[2 * i + 1];
            cumulative[i] = sum;
        }
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalStateException("transition probabilities must add up to 1, got " + sum);
        }
        cumulative[n - 1] = 1.0;
        return new Transitions(targets, cumulative);
    }
}
