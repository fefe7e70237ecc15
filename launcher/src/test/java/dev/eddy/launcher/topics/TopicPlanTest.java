package dev.eddy.launcher.topics;

import dev.eddy.events.StatusCode;
import dev.eddy.events.Topics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TopicPlanTest {

    @Test
    void everyContractTopicIsPlannedWithTheRequestedPartitionsAndTablesAreCompacted() {
        Map<String, TopicSpec> plan = TopicPlan.forPartitions(4).stream()
                .collect(Collectors.toMap(TopicSpec::name, Function.identity()));

        assertThat(plan).containsKeys(Topics.CLICKS, Topics.USERS, Topics.STATUS_CODES, Topics.ENRICHED,
                Topics.DEAD_LETTERS, Topics.LATE_EVENTS, Topics.TRUTH_PAGE_VIEWS, Topics.TRUTH_SESSIONS,
                Topics.USER_ACTIVITY_1M, Topics.PAGE_VIEWS_1M, Topics.PAGE_VIEWS_5M, Topics.SESSIONS,
                Topics.ERRORS_1M, Topics.SEGMENT_ACTIVITY_1M, Topics.ERROR_ALERTS);
        assertThat(plan.get(Topics.USERS).compacted()).isTrue();
        assertThat(plan.get(Topics.STATUS_CODES).compacted()).isTrue();
        assertThat(plan.get(Topics.CLICKS).compacted()).isFalse();
        // Clicks and users are joined partition by partition: they must have the same count.
        assertThat(plan.get(Topics.CLICKS).partitions()).isEqualTo(4);
        assertThat(plan.get(Topics.USERS).partitions()).isEqualTo(4);
        assertThat(plan.get(Topics.STATUS_CODES).partitions()).isEqualTo(1);
    }

    @Test
    void theStatusCodeCatalogHoldsDatagensCodesWithItsWordingAndNoDuplicates() {
        List<StatusCode> codes = StatusCodeCatalog.all();

        assertThat(codes).contains(new StatusCode(200, "Successful"), new StatusCode(302, "Redirect"),
                new StatusCode(404, "Page not found"), new StatusCode(405, "Method not allowed"),
                new StatusCode(406, "Not acceptable"), new StatusCode(407, "Proxy authentication required"));
        assertThat(codes).extracting(StatusCode::code).doesNotHaveDuplicates().contains(500, 503, 429, 301);
    }
}
