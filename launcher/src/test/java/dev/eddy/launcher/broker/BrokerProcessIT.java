package dev.eddy.launcher.broker;

import dev.eddy.events.Topics;
import dev.eddy.launcher.BuiltLayout;
import dev.eddy.launcher.process.PidRegistry;
import dev.eddy.launcher.process.ProcessStopper;
import dev.eddy.launcher.topics.StatusCodeCatalog;
import dev.eddy.launcher.topics.StatusCodeSeed;
import dev.eddy.launcher.topics.TopicPlan;
import dev.eddy.launcher.topics.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker as its own process, for real: format, start, topics, stop, restart on the same data. */
class BrokerProcessIT {

    @TempDir
    Path home;

    private BrokerProcess broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void createsTopicsAndKeepsDataAcrossARestartOnTheSameStorage() throws Exception {
        BrokerSettings settings = settings(BuiltLayout.freePort(), BuiltLayout.freePort());
        PidRegistry registry = new PidRegistry(home.resolve("pids"));

        // 1. First start formats new storage and creates every topic.
        broker = BrokerProcess.start(settings, registry, Duration.ofSeconds(90));
        assertThat(broker.formattedNewStorage()).isTrue();
        assertThat(registry.find(BrokerProcess.NAME)).hasValueSatisfying(file -> {
            assertThat(file.pid()).isEqualTo(broker.pid());
            assertThat(file.port()).isEqualTo(settings.port());
        });
        try (KafkaAdmins.Session session = KafkaAdmins.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            Admin admin = session.admin();
            TopicSetup.Result result = TopicSetup.ensure(admin, TopicPlan.forPartitions(3));
            assertThat(result.created()).containsAll(TopicPlan.topicNames());
            assertThat(result.existing()).isEmpty();

            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.CLICKS, Topics.USERS,
                    Topics.STATUS_CODES)).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(Topics.CLICKS).partitions()).hasSize(3);
            assertThat(topics.get(Topics.USERS).partitions()).hasSize(3);
            assertThat(cleanupPolicy(admin, Topics.USERS)).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, Topics.STATUS_CODES)).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, Topics.CLICKS)).isEqualTo("delete");
        }
        assertThat(StatusCodeSeed.seed(broker.bootstrapServers(), StatusCodeCatalog.all()))
                .isEqualTo(StatusCodeCatalog.all().size());
        produce(broker.bootstrapServers(), 10);

        // 2. Stop: the process is gone and its pid file with it.
        long firstPid = broker.pid();
        assertThat(broker.stop(Duration.ofSeconds(60))).isEqualTo(ProcessStopper.Outcome.STOPPED);
        assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(registry.find(BrokerProcess.NAME)).isEmpty();

        // 3. Start again on the same folder: not reformatted, topics and records are still there.
        broker = BrokerProcess.start(settings, registry, Duration.ofSeconds(90));
        assertThat(broker.formattedNewStorage()).isFalse();
        try (KafkaAdmins.Session session = KafkaAdmins.open(broker.bootstrapServers(), Duration.ofSeconds(30))) {
            Admin admin = session.admin();
            TopicSetup.Result again = TopicSetup.ensure(admin, TopicPlan.forPartitions(3));
            assertThat(again.created()).isEmpty();
            assertThat(again.existing()).containsAll(TopicPlan.topicNames());
            assertThat(again.partitionMismatches()).isEmpty();

            // Asking for another partition count later never changes existing topics, it reports them.
            assertThat(TopicSetup.ensure(admin, TopicPlan.forPartitions(5)).partitionMismatches())
                    .contains(Topics.CLICKS + " has 3 partitions, not 5");
        }
        assertThat(consumeAll(broker.bootstrapServers(), 10)).containsExactlyInAnyOrderElementsOf(expected(10));
        // The reference table is complete already: nothing is written twice.
        assertThat(StatusCodeSeed.seed(broker.bootstrapServers(), StatusCodeCatalog.all())).isZero();
    }

    @Test
    void aBrokerThatCannotStartIsReportedWithTheEndOfItsLogAndLeavesNoProcess() throws Exception {
        // Without the launcher's port check in front, the broker itself fails to bind and exits.
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            BrokerSettings settings = settings(taken.getLocalPort(), BuiltLayout.freePort());
            PidRegistry registry = new PidRegistry(home.resolve("pids"));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrokerProcess.start(settings, registry,
                            Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(BrokerStartException.class, e -> {
                        assertThat(e.getMessage()).contains("exited during start", settings.log().toString());
                        assertThat(String.join("\n", e.logTail())).contains("Address already in use");
                    });
            assertThat(registry.all()).allSatisfy(file -> assertThat(file.liveProcess()).isEmpty());
        }
    }

    private BrokerSettings settings(int port, int controllerPort) {
        return new BrokerSettings("127.0.0.1", port, controllerPort, 3, home.resolve("kafka"),
                home.resolve("kafka").resolve("data"), home.resolve("logs").resolve("kafka.log"),
                BuiltLayout.brokerClassPath(), Optional.of(BuiltLayout.watchdogJar()),
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), 24, 64L * 1024 * 1024);
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return config.get("cleanup.policy").value();
    }

    private static List<String> expected(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("click-" + i);
        }
        return values;
    }

    private static void produce(String bootstrap, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (String value : expected(count)) {
                producer.send(new ProducerRecord<>(Topics.CLICKS, value, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "broker-process-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CLICKS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
