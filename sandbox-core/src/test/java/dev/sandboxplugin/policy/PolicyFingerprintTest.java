package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFingerprintTest {

  @Test
  void canonicalJsonIsCompactSortedAndSpelledInUnits() {
    String json = PolicyFingerprint.canonicalJson(SandboxPolicy.builder().build());

    assertTrue(json.startsWith("{\"allow\":[],\"cpus\":1.0,\"env\":[],\"memoryBytes\":536870912,\"mode\":\"enforce\","
        + "\"network\":\"none\",\"openFiles\":1024,\"outputLimitBytes\":1048576,\"pids\":128,\"processes\":1024,"
        + "\"seccompSha256\":\""), json);
    assertTrue(json.endsWith("\",\"timeoutMs\":300000,\"tmpfsSizeBytes\":67108864,\"writablePaths\":[]}"), json);
  }

  @Test
  void theSamePolicySpelledDifferentlyOrFromAnotherFileHasTheSameHash() {
    SandboxPolicy a = PolicyFile.parse("memory: 1g\ntimeout: 60s\nenv: [TZ, LANG]\n", Path.of("a/sandbox-policy.yaml"));
    SandboxPolicy b = SandboxPolicy.builder().memory(MemorySize.ofMegabytes(1024)).timeout(Duration.ofMinutes(1))
        .envAllowlist(List.of("LANG", "TZ")).build();

    assertEquals(PolicyFingerprint.sha256(a), PolicyFingerprint.sha256(b));
    assertTrue(PolicyFingerprint.sha256(a).matches("sha256:[0-9a-f]{64}"), PolicyFingerprint.sha256(a));
  }

  @Test
  void anyChangeChangesTheHash() {
    SandboxPolicy base = SandboxPolicy.builder().build();
    String hash = PolicyFingerprint.sha256(base);

    assertNotEquals(hash, PolicyFingerprint.sha256(base.toBuilder().pids(127).build()));
    assertNotEquals(hash, PolicyFingerprint.sha256(base.toBuilder().mode(EnforcementMode.AUDIT).build()));
    assertNotEquals(hash, PolicyFingerprint.sha256(base.toBuilder()
        .seccompProfile(SeccompProfile.resolve("strict", Path.of("."))).build()));
    assertNotEquals(hash, PolicyFingerprint.sha256(base.toBuilder()
        .writablePaths(List.of(WritablePath.of("/app/out", null))).build()));
    assertNotEquals(hash, PolicyFingerprint.sha256(base.toBuilder()
        .network(NetworkPolicy.of("allowlist", List.of("repo.example.org"))).build()));
  }
}
