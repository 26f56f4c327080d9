package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "''{0}'' is {1} ms")
  @CsvSource(delimiter = '|', value = {
      "500ms  | 500",
      "30s    | 30000",
      "5m     | 300000",
      "1h     | 3600000",
      "45     | 45000",
      "30S    | 30000",
      "2H     | 7200000",
      "250MS  | 250",
      "'10 s' | 10000",
      "' 2m ' | 120000",
  })
  void parsesCiStyleDurations(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse("timeout", text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0s", "0ms", "0h", "00m"})
  void rejectsZero(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> Durations.parse("timeout", text));
    assertEquals("timeout = '" + text + "' must be more than zero", e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"soon", "1.5s", "-5s", "5d", "PT5M", "5 minutes", "s", "1h30m"})
  void rejectsWhatIsNotADuration(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> Durations.parse("timeout", text));
    assertEquals("timeout = '" + text + "' is not a duration: write e.g. 30s, 5m or 1h", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "99999999999999999999ms", "9223372036854775807h",
      "9223372036854775807m"})
  void rejectsOverflow(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> Durations.parse("timeout", text));
    assertEquals("timeout = '" + text + "' is too large", e.getMessage());
  }

  @ParameterizedTest(name = "{0} ms prints as {1}")
  @CsvSource({
      "500, 500ms",
      "1500, 1500ms",
      "1000, 1s",
      "90000, 90s",
      "60000, 1m",
      "300000, 5m",
      "5400000, 90m",
      "3600000, 1h",
      "7200000, 2h",
  })
  void formatsTheShortestExactSpelling(long millis, String text) {
    assertEquals(text, Durations.format(Duration.ofMillis(millis)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "5m", "1h", "90s"})
  void formatRoundTripsParse(String text) {
    assertEquals(text, Durations.format(Durations.parse("timeout", text)));
  }

  @Test
  void aDurationWhoseMillisecondsOverflowIsTooLarge() {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> Durations.parse("sandbox.timeout", "9223372036854775807"));
    assertEquals("sandbox.timeout = '9223372036854775807' is too large", e.getMessage());
  }
}
