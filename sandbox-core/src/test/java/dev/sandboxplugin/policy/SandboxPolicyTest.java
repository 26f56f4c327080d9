package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxPolicyTest {

  @Test
  void defaultsAreTheSafeOnes() {
    SandboxPolicy policy = SandboxPolicy.builder().build();

    assertEquals(MemorySize.ofMegabytes(512), policy.memory());
    assertEquals(1.0, policy.cpus());
    assertEquals(128, policy.pids());
    assertEquals(1024, policy.openFiles());
    assertEquals(1024, policy.processes());
    assertEquals(MemorySize.ofMegabytes(64), policy.tmpfsSize());
    assertEquals(Duration.ofMinutes(5), policy.timeout());
    assertEquals(List.of(), policy.envAllowlist());
    assertEquals("default", policy.seccompProfile().name());
    assertEquals(MemorySize.ofMegabytes(1), policy.outputLimit());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NaN, Double.NEGATIVE_INFINITY})
  void rejectsCpusThatAreNotAPositiveNumber(double cpus) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().cpus(cpus));
    assertEquals("cpus = " + cpus + " must be a number above 0, e.g. 0.5 or 2", e.getMessage());
  }

  @Test
  void cpusMessageNamesTheValue() {
    assertEquals("cpus = 0.0 must be a number above 0, e.g. 0.5 or 2",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().cpus(0)).getMessage());
    assertEquals("cpus = NaN must be a number above 0, e.g. 0.5 or 2",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().cpus(Double.NaN)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.5, 2, 1024})
  void acceptsFractionalAndWholeCpus(double cpus) {
    assertEquals(cpus, SandboxPolicy.builder().cpus(cpus).build().cpus());
  }

  @Test
  void rejectsCountsBelowOne() {
    assertEquals("pids = -1 must be a whole number above 0",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().pids(-1)).getMessage());
    assertEquals("pids = 0 must be a whole number above 0",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().pids(0)).getMessage());
    assertEquals("openFiles = 0 must be a whole number above 0",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().openFiles(0)).getMessage());
    assertEquals("processes = -5 must be a whole number above 0",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().processes(-5)).getMessage());
  }

  @Test
  void acceptsCountsOfOneAndMore() {
    SandboxPolicy policy = SandboxPolicy.builder().pids(1).openFiles(64).processes(4096).build();
    assertEquals(1, policy.pids());
    assertEquals(64, policy.openFiles());
    assertEquals(4096, policy.processes());
  }

  @Test
  void rejectsMemoryBelowTheEngineMinimum() {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SandboxPolicy.builder().memory(MemorySize.parse("memory", "6143k")));
    assertEquals("memory = 6143k is below the engine's minimum of 6m", e.getMessage());
    assertEquals(MemorySize.ofMegabytes(6), SandboxPolicy.builder().memory(MemorySize.ofMegabytes(6)).build().memory());
  }

  @Test
  void rejectsTimeoutsThatAreNotPositive() {
    assertEquals("timeout = PT0S must be more than zero",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().timeout(Duration.ZERO)).getMessage());
    assertEquals("timeout = PT-1S must be more than zero",
        assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().timeout(Duration.ofSeconds(-1)))
            .getMessage());
    assertEquals(Duration.ofMillis(1), SandboxPolicy.builder().timeout(Duration.ofMillis(1)).build().timeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"LANG=C", "MY VAR", "1ABC", "A-B", "$HOME", "PATH,TZ"})
  void rejectsEnvEntriesThatAreNotNames(String entry) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SandboxPolicy.builder().envAllowlist(List.of("LANG", entry)));
    assertEquals("env = '" + entry
        + "' is not an environment variable name; list names only, e.g. LANG,TZ (values come from the host)",
        e.getMessage());
  }

  @Test
  void envAllowlistSkipsBlanksAndTrims() {
    SandboxPolicy policy = SandboxPolicy.builder()
        .envAllowlist(Arrays.asList("", "  LANG ", "\t", "TZ", "_private1"))
        .build();
    assertEquals(List.of("LANG", "TZ", "_private1"), policy.envAllowlist());
  }

  @Test
  void envAllowlistIsCopiedAndImmutable() {
    List<String> names = new ArrayList<>(List.of("LANG"));
    SandboxPolicy policy = SandboxPolicy.builder().envAllowlist(names).build();
    names.add("TZ");

    assertEquals(List.of("LANG"), policy.envAllowlist());
    assertThrows(UnsupportedOperationException.class, () -> policy.envAllowlist().add("HOME"));
  }

  @Test
  void toBuilderKeepsEverySetting() {
    SeccompProfile profile = SeccompProfile.defaultProfile();
    SandboxPolicy policy = SandboxPolicy.builder()
        .memory(MemorySize.ofMegabytes(256))
        .cpus(0.5)
        .pids(32)
        .openFiles(256)
        .processes(64)
        .tmpfsSize(MemorySize.ofMegabytes(16))
        .timeout(Duration.ofSeconds(30))
        .envAllowlist(List.of("LANG"))
        .seccompProfile(profile)
        .outputLimit(MemorySize.parse("outputLimit", "64k"))
        .build();

    SandboxPolicy copy = policy.toBuilder().pids(16).build();

    assertEquals(MemorySize.ofMegabytes(256), copy.memory());
    assertEquals(0.5, copy.cpus());
    assertEquals(16, copy.pids());
    assertEquals(256, copy.openFiles());
    assertEquals(64, copy.processes());
    assertEquals(MemorySize.ofMegabytes(16), copy.tmpfsSize());
    assertEquals(Duration.ofSeconds(30), copy.timeout());
    assertEquals(List.of("LANG"), copy.envAllowlist());
    assertSame(profile, copy.seccompProfile());
    assertEquals("64k", copy.outputLimit().toString());
    assertEquals(32, policy.pids(), "the original is unchanged");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1024.5, 2000, Double.POSITIVE_INFINITY})
  void rejectsMoreCpusThanAnyEngineHasWithItsOwnMessage(double cpus) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> SandboxPolicy.builder().cpus(cpus));
    assertEquals("cpus = " + cpus + " is more than any engine has; give at most 1024", e.getMessage());
  }

  @Test
  void sizesCannotBeUnset() {
    assertThrows(NullPointerException.class, () -> SandboxPolicy.builder().tmpfsSize(null));
    assertThrows(NullPointerException.class, () -> SandboxPolicy.builder().outputLimit(null));
  }

  @Test
  void aBuildGetsTheMemoryTheHostsJvmsWouldSee() {
    long host = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024);
    assertEquals(MemorySize.ofMegabytes(SandboxPolicy.buildMemoryMegabytes(host)),
        SandboxPolicy.buildDefaults().build().memory());
    assertEquals(21504, SandboxPolicy.buildMemoryMegabytes(24576), "a 24 GiB machine keeps 3 GiB");
    assertEquals(3584, SandboxPolicy.buildMemoryMegabytes(4096), "a 4 GiB one keeps 512 MiB");
    assertEquals(1024, SandboxPolicy.buildMemoryMegabytes(1024));
  }
}
