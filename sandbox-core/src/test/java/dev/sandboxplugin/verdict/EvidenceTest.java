package dev.sandboxplugin.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsNameTheWitnessInLowerCase() throws Exception {
    Violation violation = new Violation(ViolationKind.NETWORK, "denied CONNECT x.invalid:443", Evidence.PROXY);

    String json = JSON.writeValueAsString(violation);

    assertTrue(json.contains("\"source\":\"proxy\""), json);
    assertTrue(json.contains("\"kind\":\"NETWORK\""), json);
    assertEquals(violation, JSON.readValue(json, Violation.class));
    assertEquals(Evidence.PAYLOAD_OUTPUT, Evidence.ofLabel("payload-output"));
  }

  @Test
  void onlyTheWitnessesInsideThePayloadCanBeSilencedByIt() {
    assertEquals(List.of(Evidence.AGENT, Evidence.PAYLOAD_OUTPUT),
        List.of(Evidence.values()).stream().filter(e -> !e.outsideThePayload()).toList());
    assertFalse(Evidence.AGENT.outsideThePayload());
    assertTrue(Evidence.ENGINE.outsideThePayload());
  }

  @Test
  void aReportWrittenBeforeSourcesStillReads() throws Exception {
    Violation old = JSON.readValue("{\"kind\":\"EXEC\",\"detail\":\"refused\"}", Violation.class);

    assertEquals(new Violation(ViolationKind.EXEC, "refused", null, List.of(), null), old);
  }
}
