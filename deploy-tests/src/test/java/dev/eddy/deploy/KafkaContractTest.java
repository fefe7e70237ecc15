package dev.eddy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.events.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Strimzi resources against what the services need: every topic in {@link Topics}, co-partitioning of the
 * join inputs, compaction of the tables, and the ACLs of each Kafka Streams app (application.id prefixes for
 * internal topics, groups and transactional ids).
 */
class KafkaContractTest {

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("k8s/", Manifests.ofFiles(Repo.files(Repo.K8S, ".yaml"))),
                Arguments.of("chart (all features)", HelmChart.rendered("examples/all-features.yaml")),
                Arguments.of("chart (production)", HelmChart.rendered("values-production.yaml")));
    }

    static Set<String> contractTopics() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static Map<String, JsonNode> topics(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.kind().equals("KafkaTopic"))
                .collect(Collectors.toMap(m -> m.body().path("spec").path("topicName").asText(m.name()),
                        m -> m.body().path("spec")));
    }

    @ParameterizedTest(name = "{0} creates exactly the contract's topics")
    @MethodSource("sources")
    void createsEveryContractTopic(String source, List<Manifest> manifests) throws IllegalAccessException {
        assertThat(topics(manifests).keySet()).as(source).containsExactlyInAnyOrderElementsOf(contractTopics());
    }

    @ParameterizedTest(name = "{0}: clicks and users are co-partitioned, tables compacted")
    @MethodSource("sources")
    void joinInputsAreCoPartitionedAndTablesCompacted(String source, List<Manifest> manifests) {
        Map<String, JsonNode> topics = topics(manifests);
        assertThat(topics.get(Topics.USERS).path("partitions").asInt())
                .as("%s: %s and %s must have the same partition count", source, Topics.CLICKS, Topics.USERS)
                .isEqualTo(topics.get(Topics.CLICKS).path("partitions").asInt());
        for (String table : List.of(Topics.USERS, Topics.STATUS_CODES)) {
            assertThat(topics.get(table).path("config").path("cleanup.policy").asText()).as("%s: %s", source, table)
                    .isEqualTo("compact");
        }
    }

    @ParameterizedTest(name = "{0}: Kafka Streams users may manage their internal topics and transactions")
    @MethodSource("sources")
    void streamsAppsHaveApplicationIdPrefixAcls(String source, List<Manifest> manifests) {
        Map<String, JsonNode> users = manifests.stream().filter(m -> m.kind().equals("KafkaUser"))
                .collect(Collectors.toMap(Manifest::name, Manifest::body));
        assertThat(users).as(source).containsKeys("eddy-enricher", "eddy-aggregator", "eddy-lake-writer");
        for (String app : List.of("eddy-enricher", "eddy-aggregator")) {
            List<String> acls = acls(users.get(app));
            assertThat(acls).as("%s %s", source, app).contains(
                    "topic " + app + " prefix [Create, Delete, Read, Write, Describe, DescribeConfigs]",
                    "group " + app + " prefix [Read, Describe]",
                    "transactionalId " + app + " prefix [Write, Describe]");
        }
        // The lake writer reads every table's topic, commits offsets in its group, and writes only dead letters.
        assertThat(acls(users.get("eddy-lake-writer"))).as(source)
                .contains("group eddy-lake-writer literal [Read, Describe]",
                        "topic clickstream.enriched literal [Read, Describe]",
                        "topic clickstream.windows. prefix [Read, Describe]",
                        "topic clickstream.alerts.errors literal [Read, Describe]")
                .filteredOn(acl -> acl.contains("Write")).containsExactly("topic clickstream.dlq literal [Write, Describe]");
        if (users.containsKey("eddy-generator")) {
            // Write-only, and allowed to use its transactional ids (it sends in transactions).
            assertThat(acls(users.get("eddy-generator"))).as(source).allMatch(acl -> acl.endsWith("[Write, Describe]"))
                    .contains("transactionalId eddy-generator prefix [Write, Describe]");
        }
    }

    private static List<String> acls(JsonNode user) {
        List<String> acls = new ArrayList<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            List<String> operations = new ArrayList<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            acls.add(resource.path("type").asText() + " " + resource.path("name").asText() + " "
                    + resource.path("patternType").asText() + " " + operations);
        }
        return acls;
    }
}
