package dev.eddy.generator.simulation;

import java.util.List;

/**
 * The value domains of Confluent Datagen's {@code clickstream} and {@code clickstream_users} quickstarts, so users of
 * those schemas recognise the data, plus a few widened ones (more browsers, a second crawler).
 */
final class ValueDomains {

    static final List<String> USERNAME_HANDLES = List.of("akatz1022", "bobk_43", "alison_99", "k_robertz_88",
            "Ferd88", "Reeva43", "Antonio_0966", "ArlyneW8ter", "DimitriSchenz88", "Oriana_70", "AbdelKable_86",
            "Roberto_123", "AlanGreta_GG66", "Nathan_126", "AndySims_345324", "GlenAlan_23344", "LukeWaters_23",
            "BenSteins_235");
    static final List<String> FIRST_NAMES = List.of("Elwyn", "Curran", "Hanson", "Woodrow", "Ferd", "Reeva",
            "Antonio", "Arlyne", "Dimitri", "Oriana", "Abdel", "Greta");
    static final List<String> LAST_NAMES = List.of("Vanyard", "Vears", "Garrity", "Trice", "Tomini", "Jushcke",
            "De Banke", "Pask", "Rockhill", "Romagosa", "Adicot", "Lalonde");
    static final List<String> CITIES = List.of("Palo Alto", "San Francisco", "Raleigh", "London", "Frankfurt",
            "New York");
    /** In upgrade order: a level change moves a user one step to the right. */
    static final List<String> LEVELS = List.of("Silver", "Gold", "Platinum");

    /** Datagen's browser agent first, so it is the most common one. */
    static final List<String> BROWSER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/59.0.3071.115 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36");
    /** Cumulative weights of {@link #BROWSER_AGENTS}. */
    static final double[] BROWSER_AGENT_WEIGHTS = {0.40, 0.60, 0.72, 0.80, 0.92, 1.0};

    /** Datagen's Googlebot agent, and Bing's crawler as a second bot. */
    static final String GOOGLEBOT_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String BINGBOT_AGENT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";

    /** First octets of Datagen's addresses (111.x, 222.x, 122.x, 233.x). */
    static final int[] VISITOR_FIRST_OCTETS = {111, 222, 122, 233};

    /** Response sizes Datagen uses, split by what is served. */
    static final long[] PAGE_BYTES = {2048, 4006, 4096, 4196, 14096};
    static final long[] IMAGE_BYTES = {278, 1289};

    static final String REMOTE_USER = "-";
    static final String NO_REFERRER = "-";
    static final String SITE = "https://shop.example.com";
    static final String SEARCH_ENGINE_REFERRER = "https://www.google.com/";

    private ValueDomains() {
    }
}
