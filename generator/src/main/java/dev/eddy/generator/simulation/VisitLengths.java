package dev.eddy.generator.simulation;

import java.util.SplittableRandom;

/**
 * Mean number of clicks (pages and images) per visit of each kind, measured once by running the visit behaviour on a
 * fixed seed. The session arrival rate is the target click rate divided by these means, so the configured events per
 * second are met whatever the page model looks like.
 */
final class VisitLengths {

    private static final int SAMPLES = 20_000;

    static final double HUMAN = measure(VisitorKind.ANONYMOUS);
    static final double BOT = measure(VisitorKind.BOT);

    private VisitLengths() {
    }

    static double of(VisitorKind kind) {
        return kind == VisitorKind.BOT ? BOT : HUMAN;
    }

    private static double measure(VisitorKind kind) {
        Draws draws = new Draws(new SplittableRandom(0x5EED_CA1B_0000L + kind.ordinal()));
        long clicks = 0;
        for (int i = 0; i < SAMPLES; i++) {
            int botLength = kind == VisitorKind.BOT ? VisitBehaviour.botVisitLength(draws) : 0;
            PageKind page = VisitBehaviour.entryPage(kind, draws);
            int pages = 0;
            while (page != PageKind.EXIT) {
                pages++;
                clicks++;
                if (VisitBehaviour.fetchesImage(kind, draws)) {
                    clicks++;
                }
                page = VisitBehaviour.nextPage(kind, page, pages, botLength, draws);
            }
        }
        return (double) clicks / SAMPLES;
    }
}
