package dev.eddy.enricher.streams;

import dev.eddy.events.EventSerdes;
import dev.eddy.events.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserStoreSerdeTest {

    private final UserStoreSerde serde = new UserStoreSerde();

    @Test
    void roundTripsEveryFieldIncludingNullsAndNonAsciiText() {
        User full = new User(42, "gr\u00e9ta_\uD83D\uDE00", 1_407_645_330_000L, "Greta", "Garrity", "S\u00e3o Paulo",
                "Platinum");
        User sparse = new User(0, "x", 0L, null, null, null, null);

        assertThat(serde.deserialize("t", serde.serialize("t", full))).isEqualTo(full);
        assertThat(serde.deserialize("t", serde.serialize("t", sparse))).isEqualTo(sparse);
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void isSmallerThanTheJsonItReplaces() {
        User user = new User(7, "user7", 1_407_645_330_000L, "Greta", "Garrity", "London", "Gold");
        assertThat(serde.serialize("t", user).length).isLessThan(EventSerdes.user().serialize("t", user).length / 2);
    }

    @Test
    void stillReadsTheJsonAnEarlierEnricherWroteToTheChangelog() {
        User user = new User(7, "user7", 1_407_645_330_000L, "Greta", null, "London", "Gold");
        assertThat(serde.deserialize("t", EventSerdes.user().serialize("t", user))).isEqualTo(user);
    }

    @Test
    void refusesAnUnknownFormatClearly() {
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown value format 9");
    }
}
