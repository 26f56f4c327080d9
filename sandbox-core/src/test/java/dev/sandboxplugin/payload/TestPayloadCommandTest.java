package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPayloadCommandTest {

  @TempDir
  Path dir;

  @Test
  void theTestJvmGetsTheAgentAndIsNeverAskedToAllowASecurityManager() throws Exception {
    Path testClasses = Files.createDirectory(dir.resolve("test-classes"));
    List<String> command = new TestPayload(testClasses, List.of(testClasses), null,
        Files.writeString(dir.resolve("runner.jar"), "jar")).command();

    assertTrue(command.contains("-javaagent:/app/runner/sandbox-test-runner.jar"), command::toString);
    // JDK 24+ refuse to start with -Djava.security.manager=allow (JEP 486); the agent's hooks need none.
    assertFalse(command.stream().anyMatch(argument -> argument.startsWith("-Djava.security.manager")),
        command::toString);
  }
}
