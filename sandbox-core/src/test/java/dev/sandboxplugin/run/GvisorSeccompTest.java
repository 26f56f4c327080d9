package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.policy.SeccompProfile;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GvisorSeccompTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"default", "strict"})
  void keepsEveryRuleGvisorTakesAndKillsWithTheActionItKnows(String name) throws Exception {
    JsonNode original = JSON.readTree(SeccompProfile.resolve(name, Path.of(".")).json());
    JsonNode adapted = JSON.readTree(GvisorSeccomp.adapt(original.toString()));

    assertEquals(original.path("syscalls").size(), adapted.path("syscalls").size());
    for (JsonNode rule : adapted.path("syscalls")) {
      if (rule.path("names").toString().equals("[\"clone3\"]")) {
        // gVisor would answer EPERM for a refusal, and libc only falls back to clone on ENOSYS, which gVisor's kernel
        // gives itself.
        assertEquals("SCMP_ACT_ALLOW", rule.path("action").asText());
      }
      assertFalse(rule.path("action").asText().equals("SCMP_ACT_KILL_PROCESS"), "gVisor refuses to start with it");
    }
    assertEquals(original.path("defaultAction"), adapted.path("defaultAction"));
    if (name.equals("strict")) {
      assertTrue(adapted.toString().contains("\"SCMP_ACT_KILL\""), "escape calls still kill");
    }
  }
}
