package dev.sandboxplugin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineMissesTest {

  @Test
  void mavensOfflineWordsNameWhatWasMissing() {
    List<String> lines = List.of(
        "[INFO] Building demo",
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.5.2:test (default-test) on"
            + " project demo: Cannot access sandbox (sandbox-channel://host/) in offline mode and the artifact"
            + " org.junit.platform:junit-platform-commons:jar:1.9.3 has not been downloaded from it before. -> [Help 1]",
        "[ERROR] Plugin x:y:1 or one of its dependencies could not be resolved: Cannot access sandbox in offline mode"
            + " and the artifact com.example:tool:exe:linux-x86_64:3.1 has not been downloaded from it before.");
    assertEquals(Set.of("org.junit.platform:junit-platform-commons:jar:1.9.3",
        "com.example:tool:exe:linux-x86_64:3.1"), OfflineMisses.in(lines));
  }

  @Test
  void otherFailuresNameNothing() {
    assertEquals(Set.of(), OfflineMisses.in(List.of("[ERROR] There are test failures.",
        "the artifact ../../etc:x:jar:1 has not been downloaded from it before")));
  }
}
