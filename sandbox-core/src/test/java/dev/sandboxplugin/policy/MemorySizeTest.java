package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {

  private static final long K = 1024;
  private static final long M = 1024 * K;
  private static final long G = 1024 * M;

  @ParameterizedTest(name = "''{0}'' is {1} bytes")
  @CsvSource(delimiter = '|', value = {
      "512k   | 524288",
      "128m   | 134217728",
      "1g     | 1073741824",
      "1G     | 1073741824",
      "1t     | 1099511627776",
      "1024   | 1024",
      "'64 m' | 67108864",
      "' 2g ' | 2147483648",
      "128mb  | 134217728",
      "1GiB   | 1073741824",
      "100b   | 100",
  })
  void parsesDockerStyleSizes(String text, long bytes) {
    assertEquals(bytes, MemorySize.parse("memory", text).bytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0m", "000g"})
  void rejectsZero(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> MemorySize.parse("memory", text));
    assertEquals("memory = '" + text + "' must be more than zero", e.getMessage());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"-1m", "-512", "lots", "1.5g", "12x", "m", "1 g b", "1e9", "0x10"})
  void rejectsWhatIsNotASize(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> MemorySize.parse("tmpfsSize", text));
    assertEquals("tmpfsSize = '" + text + "' is not a size: write a number with k, m or g, e.g. 128m or 1g",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "8388608t", "9007199254740992k", "99999999999999999999g"})
  void rejectsSizesBeyondALong(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> MemorySize.parse("memory", text));
    assertEquals("memory = '" + text + "' is too large", e.getMessage());
  }

  @Test
  void largestLongStillParses() {
    assertEquals(Long.MAX_VALUE, MemorySize.parse("memory", "9223372036854775807").bytes());
  }

  @ParameterizedTest(name = "{0} bytes prints as {1}")
  @CsvSource({
      "524288, 512k",
      "134217728, 128m",
      "1073741824, 1g",
      "1099511627776, 1t",
      "1610612736, 1536m",
      "1024, 1k",
      "1025, 1025",
      "1000, 1000",
      "1, 1",
  })
  void toStringIsTheShortestExactSpelling(long bytes, String text) {
    assertEquals(text, MemorySize.ofBytes(bytes).toString());
  }

  @Test
  void toStringRoundTrips() {
    assertEquals("1g", MemorySize.parse("memory", "1024m").toString());
    assertEquals(MemorySize.parse("memory", "1024m"), MemorySize.parse("memory", MemorySize.ofBytes(G).toString()));
  }

  @Test
  void equalsAndHashCodeGoByBytes() {
    MemorySize oneGig = MemorySize.parse("memory", "1g");
    assertEquals(oneGig, MemorySize.parse("memory", "1024m"));
    assertEquals(oneGig, MemorySize.ofBytes(G));
    assertEquals(oneGig, MemorySize.ofMegabytes(1024));
    assertEquals(oneGig.hashCode(), MemorySize.parse("memory", "1048576k").hashCode());
    assertNotEquals(oneGig, MemorySize.parse("memory", "1023m"));
    assertNotEquals(oneGig, null);
    assertNotEquals(oneGig, "1g");
  }

  @Test
  void factoriesRejectNonPositiveAmounts() {
    assertEquals("a memory size must be positive: 0",
        assertThrows(IllegalArgumentException.class, () -> MemorySize.ofBytes(0)).getMessage());
    assertEquals("a memory size must be positive: -1048576",
        assertThrows(IllegalArgumentException.class, () -> MemorySize.ofMegabytes(-1)).getMessage());
    assertThrows(ArithmeticException.class, () -> MemorySize.ofMegabytes(Long.MAX_VALUE));
    assertEquals(64 * M, MemorySize.ofMegabytes(64).bytes());
  }
}
