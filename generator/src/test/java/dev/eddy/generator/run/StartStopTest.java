package dev.eddy.generator.run;

import dev.eddy.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Real-time pacing controlled over HTTP: start, stop (nothing more is sent), resume, change the rate. */
@QuarkusTest
@TestProfile(StartStopTest.RealTime.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, initArgs = @ResourceArg(name = "topics",
        value = "clickstream:3,clickstream.users:3,clickstream.truth.page-views-1m:2,clickstream.truth.sessions:2"))
class StartStopTest {

    public static class RealTime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eddy.generator.pacing", "real-time", "eddy.generator.rate", "100");
        }
    }

    private static JsonPath status() {
        return given().get("/api/v1/generator/status").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void startStopResumeAndChangeTheRate() {
        given().post("/api/v1/generator/start").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> status().getLong("sent_by_topic.clickstream") > 50);
        assertThat(status().getString("state")).isEqualTo("running");
        assertThat(status().getString("pacing")).isEqualTo("real-time");

        given().post("/api/v1/generator/stop").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status().getString("state").equals("stopped"));
        // Stopping flushes: everything handed to the producer is acknowledged, and then nothing more is handed over.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                status().getLong("sent_by_topic.clickstream") == status().getLong("clicks_emitted"));
        long stoppedAt = status().getLong("clicks_emitted");
        long simulatedAtStop = status().getLong("simulated_time_millis");

        given().contentType(ContentType.JSON).body("{\"events_per_second\": 400}").put("/api/v1/generator/rate")
                .then().statusCode(200).body("rate", equalTo(400.0f));
        assertThat(status().getLong("clicks_emitted")).isEqualTo(stoppedAt);

        given().post("/api/v1/generator/start").then().statusCode(200).body("running", equalTo(true));
        await().atMost(Duration.ofSeconds(30)).until(() -> status().getLong("clicks_emitted") > stoppedAt + 200);
        // The simulated clock paused with the generator, so it resumes where it stopped, without a burst.
        assertThat(status().getLong("simulated_time_millis")).isGreaterThanOrEqualTo(simulatedAtStop);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("eddy_generator_target_rate_events_per_second 400.0");
        given().post("/api/v1/generator/stop").then().statusCode(200);
    }
}
