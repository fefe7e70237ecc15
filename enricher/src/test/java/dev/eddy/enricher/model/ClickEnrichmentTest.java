package dev.eddy.enricher.model;

import dev.eddy.events.StatusCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClickEnrichmentTest {

    @Test
    void botsNameThemselvesInTheAgent() {
        assertThat(ClickEnrichment.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
                .isTrue();
        assertThat(ClickEnrichment.isBot("Mozilla/5.0 (compatible; Baiduspider/2.0)")).isTrue();
        assertThat(ClickEnrichment.isBot("Screaming Frog SEO CRAWLER")).isTrue();
        assertThat(ClickEnrichment.isBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/59.0.3071.115")).isFalse();
        assertThat(ClickEnrichment.isBot(null)).isFalse();
    }

    @Test
    void botMarkersMatchAsALowerCasedAgentWould() {
        // The rule as specified: the agent lower-cased (Locale.ROOT) contains a marker. Characters that lower-case to
        // ASCII or change length (Kelvin sign, dotted capital I), marker prefixes at the end, and random text.
        java.util.List<String> agents = new java.util.ArrayList<>(java.util.List.of("", "b", "bo", "BOT", "xBoT",
                "ro-bot", "Crawl", "crawler", "SPİDER", "spIder", "\u212Abot", "Spider-Man", "bo\u0307t", "b o t",
                "AhrefsBot/7.0", "crawleR", "ſpider"));
        java.util.Random random = new java.util.Random(7);
        String alphabet = "botBOTcrawlerCRAWLERspiderSPIDERİıſ\u212A\u0307 -/";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder agent = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                agent.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            agents.add(agent.toString());
        }
        for (String agent : agents) {
            String lower = agent.toLowerCase(java.util.Locale.ROOT);
            boolean expected = lower.contains("bot") || lower.contains("crawler") || lower.contains("spider");
            assertThat(ClickEnrichment.isBot(agent)).as("agent '%s'", agent).isEqualTo(expected);
        }
    }

    @Test
    void errorsAreFourAndFiveHundreds() {
        assertThat(ClickEnrichment.isError(302)).isFalse();
        assertThat(ClickEnrichment.isError(399)).isFalse();
        assertThat(ClickEnrichment.isError(400)).isTrue();
        assertThat(ClickEnrichment.isError(503)).isTrue();
    }

    @Test
    void statusTextPrefersTheReferenceTable() {
        assertThat(ClickEnrichment.statusText(404, new StatusCode(404, "Page not found"))).isEqualTo("Page not found");
        assertThat(ClickEnrichment.statusText(404, null)).isEqualTo("Not Found");
        assertThat(ClickEnrichment.statusText(404, new StatusCode(405, "Method not allowed")))
                .as("an entry stored under the wrong key is ignored").isEqualTo("Not Found");
        assertThat(ClickEnrichment.statusText(299, null)).isNull();
    }
}
