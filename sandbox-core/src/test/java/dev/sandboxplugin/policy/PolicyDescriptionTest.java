package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDescriptionTest {

  @Test
  void aRunSaysWhatItStartsWithInWordsNotAsAMap() {
    SandboxPolicy policy = SandboxPolicy.builder().memory(MemorySize.ofMegabytes(512)).pids(128)
        .network(NetworkPolicy.of("allowlist", List.of("repo.maven.apache.org"))).build();

    assertEquals("memory 512m, cpus 1.0, pids 128, timeout 5m, /tmp 64m, network allowlist repo.maven.apache.org,"
        + " seccomp default, runtime runc, enforce mode", PolicyDescription.runningWith(PolicyDescription.of(policy)));
  }
}
