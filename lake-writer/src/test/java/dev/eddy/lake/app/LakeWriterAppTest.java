package dev.eddy.lake.app;

import dev.eddy.lake.support.LakeFixtures;
import dev.eddy.lake.support.LakeQueries;
import dev.eddy.testing.KafkaBrokerTestResource;
import dev.eddy.testing.KafkaBrokers;
import dev.eddy.testing.KafkaTestClient;
import dev.eddy.testing.TempDirTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The service as shipped: configuration, the writer thread, health and metrics over real HTTP. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, initArgs = @ResourceArg(name = "topics",
        value = "clickstream.enriched:3,clickstream.windows.user-activity-1m:1,clickstream.windows.page-views-1m:1,"
                + "clickstream.windows.page-views-5m:1,clickstream.windows.sessions:1,clickstream.windows.errors-1m:1,"
                + "clickstream.windows.segment-activity-1m:1,clickstream.alerts.errors:1,clickstream.dlq:1"))
@QuarkusTestResource(value = TempDirTestResource.class,
        initArgs = @ResourceArg(name = "property", value = "eddy.lake-writer.root"))
class LakeWriterAppTest {

    /** The empty lake folder the resource gave the application. */
    @ConfigProperty(name = "eddy.lake-writer.root")
    Path root;

    @Test
    void writesTheLakeAndReportsHealthAndMetrics() {
        String prefix = LakeFixtures.uniquePrefix("app");
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBrokers.shared())) {
            kafka.produceBytes(LakeFixtures.clicks(prefix, 200));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                LakeQueries.count(root, "SELECT count(*) FROM clickstream_enriched"
                        + " WHERE event_id LIKE '" + prefix + "-%'") == 200);

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'lake-writer' }.data.root", equalTo(root.toString()));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("eddy_lake_writer_records_written_total{table=\"clickstream_enriched\"}"))
                .body(containsString("eddy_lake_writer_bytes_written_total{table=\"clickstream_enriched\"}"))
                .body(containsString("eddy_lake_writer_files_committed_total{reason=\"idle\",table=\"clickstream_enriched\"}"))
                .body(containsString("eddy_lake_writer_file_size_bytes_bucket{table=\"clickstream_enriched\""))
                .body(containsString("eddy_lake_writer_commit_lag_seconds_count{table=\"clickstream_enriched\"}"))
                .body(containsString("eddy_lake_writer_buffered_bytes"));
    }
}
