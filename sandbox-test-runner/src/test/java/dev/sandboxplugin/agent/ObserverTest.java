package dev.sandboxplugin.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObserverTest {

  @Test
  void loopbackIsTheTestsOwn() {
    for (String host : List.of("localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "api.localhost")) {
      assertTrue(Observer.isLoopback(host), host);
    }
    for (String host : List.of("198.51.100.7", "example.com", "localhost.example.com", "::ffff:10.0.0.1")) {
      assertFalse(Observer.isLoopback(host), host);
    }
  }

  @Test
  void writablePlacesAreWholePathComponents() {
    List<String> roots = List.of("/tmp", "/sandbox/reports");
    assertTrue(Observer.isUnder("/tmp", roots));
    assertTrue(Observer.isUnder("/tmp/a/b", roots));
    assertFalse(Observer.isUnder("/tmpfoo", roots));
    assertFalse(Observer.isUnder("/sandbox/reportsx/y", roots));
  }

  @Test
  void sensitivePathsSayWhy() {
    assertEquals("a process's environment, where CI secrets live", SensitivePaths.why("/proc/1/environ"));
    assertTrue(SensitivePaths.why("/proc/self/environ") != null);
    assertTrue(SensitivePaths.why("/run/docker.sock").contains("Docker"));
    assertTrue(SensitivePaths.why("/home/runner/.ssh/id_ed25519") != null);
    assertTrue(SensitivePaths.why("/home/runner/.m2/settings.xml") != null);
    assertTrue(SensitivePaths.why("/etc/shadow") != null);
    assertNull(SensitivePaths.why("/proc/self/status"));
    assertNull(SensitivePaths.why("/app/classes/0/x.class"));
    assertNull(SensitivePaths.why("/home/runner/.sshconfig"));
  }

  @Test
  void theSameAttemptFromTheSameTestIsOneFinding() {
    int before = Attribution.attempts().size();
    Attribution.testStarted("a.B#c");
    Attribution.record("NETWORK", "connection to x:1", List.of("a.B.c(B.java:1)"), null);
    Attribution.record("NETWORK", "connection to x:1", List.of("a.B.c(B.java:2)"), null);
    Attribution.testFinished();
    List<Attribution.Attempt> attempts = Attribution.attempts();
    assertEquals(before + 1, attempts.size());
    assertEquals("a.B#c", attempts.get(attempts.size() - 1).test());
  }

  @org.junit.jupiter.api.Test
  void aPlainAbsolutePathIsTakenAsItIsAndOnlyThat() {
    for (String plain : java.util.List.of("/app/classes/0/x.class", "/root/.ssh/id_rsa", "/a")) {
      assertTrue(Observer.isPlainAbsolute(plain), plain);
      assertEquals(java.nio.file.Path.of(plain).normalize().toString(), plain);
    }
    for (String other : java.util.List.of("relative/x", "/", "/a/", "/a//b", "/a/./b", "/a/../root/.ssh", "/a/..", "/a/.")) {
      assertFalse(Observer.isPlainAbsolute(other), other);
    }
  }

  @Test
  void aNameCarriesDataByItsLengthItsDepthOrItsSiblings() {
    assertFalse(Observer.carriesData("commons.apache.org"));
    assertTrue(Observer.carriesData("a".repeat(33) + ".example"));
    assertTrue(Observer.carriesData("a.b.c.d.e.f.g.h.example"));
    for (int i = 0; i < 20; i++) {
      assertFalse(Observer.carriesData("chunk" + i + ".covert.example"), "name " + i);
    }
    assertTrue(Observer.carriesData("chunk20.covert.example"));
  }
}
