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

    assertEquals(original.path("syscalls").size() - 1, adapted.path("syscalls").size(), "only the clone3 rule goes");
    for (JsonNode rule : adapted.path("syscalls")) {
      assertFalse(rule.path("names").toString().equals("[\"clone3\"]"), "gVisor has no clone3 and would answer EPERM");
      assertFalse(rule.path("action").asText().equals("SCMP_ACT_KILL_PROCESS"), "gVisor refuses to start with it");
    }
    assertEquals(original.path("defaultAction"), adapted.path("defaultAction"));
    if (name.equals("strict")) {
      assertTrue(adapted.toString().contains("\"SCMP_ACT_KILL\""), "escape calls still kill");
    }
  }
}
