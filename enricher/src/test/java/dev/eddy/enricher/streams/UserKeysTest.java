package dev.eddy.enricher.streams;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class UserKeysTest {

    @Test
    void aKeyMatchesOnlyTheExactDecimalFormOfTheUserId() {
        assertThat(UserKeys.matches(bytes("7"), 7)).isTrue();
        assertThat(UserKeys.matches(bytes("0"), 0)).isTrue();
        assertThat(UserKeys.matches(bytes("-1"), -1)).isTrue();
        assertThat(UserKeys.matches(bytes("2147483647"), Integer.MAX_VALUE)).isTrue();
        assertThat(UserKeys.matches(bytes("07"), 7)).isFalse();
        assertThat(UserKeys.matches(bytes("17"), 7)).isFalse();
        assertThat(UserKeys.matches(bytes("7"), 17)).isFalse();
        assertThat(UserKeys.matches(bytes("1"), -1)).isFalse();
        assertThat(UserKeys.matches(bytes("-1"), 1)).isFalse();
        assertThat(UserKeys.matches(bytes("\"7\""), 7)).as("JSON-quoted").isFalse();
        assertThat(UserKeys.matches(bytes("111.152.45.45"), 7)).isFalse();
        assertThat(UserKeys.matches(bytes(""), 0)).isFalse();
        assertThat(UserKeys.matches(null, 0)).isFalse();
    }

    @Test
    void keysAreAsciiDecimal() {
        assertThat(new String(UserKeys.of(42), StandardCharsets.US_ASCII)).isEqualTo("42");
        assertThat(new String(UserKeys.ANONYMOUS, StandardCharsets.US_ASCII)).isEqualTo("-1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
