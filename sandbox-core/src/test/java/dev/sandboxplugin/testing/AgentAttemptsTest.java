package dev.sandboxplugin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** attempts.jsonl is the payload's to write too: a kind it makes up is read as no attempt, never as an error. */
class AgentAttemptsTest {

  @Test
  void everyKindTheAgentRecordsIsReadAsThatKind() {
    List<ViolationKind> kinds = List.of(ViolationKind.NETWORK, ViolationKind.DNS, ViolationKind.FILE_WRITE,
        ViolationKind.FILE_READ, ViolationKind.PROCESS, ViolationKind.EXIT, ViolationKind.LOOKUP, ViolationKind.JVM);
    StringBuilder lines = new StringBuilder();
    kinds.forEach(kind -> lines.append("{\"kind\":\"").append(kind.name())
        .append("\",\"detail\":\"d\",\"test\":\"a.B#c\"}\n"));

    AgentAttempts.Parsed parsed = parse(lines.toString());

    assertEquals(kinds, parsed.attempts().stream().map(Violation::kind).toList());
    assertEquals(new Violation(ViolationKind.NETWORK, "d", "a.B#c", List.of(), Evidence.AGENT),
        parsed.attempts().get(0));
  }

  @Test
  void aForgedOrUnknownKindIsSkippedAndTheRestIsStillRead() {
    String forged = String.join("\n",
        "{\"kind\":\"ROOTKIT\",\"detail\":\"a kind no one knows\"}",
        // Kinds only the host and the engine report: the payload cannot claim them for itself.
        "{\"kind\":\"SECCOMP\",\"detail\":\"x\"}",
        "{\"kind\":\"REPORT\",\"detail\":\"x\"}",
        "{\"kind\":\"TIMEOUT\",\"detail\":\"x\"}",
        "{\"kind\":\"CONFIG_CHANGE\",\"detail\":\"x\"}",
        "{\"kind\":\"LINK\",\"detail\":\"x\"}",
        // Near misses of a name: exact names only.
        "{\"kind\":\"network\",\"detail\":\"x\"}",
        "{\"kind\":\" NETWORK\",\"detail\":\"x\"}",
        "{\"kind\":\"NETWORK\\u0000\",\"detail\":\"x\"}",
        "{\"kind\":\"\",\"detail\":\"x\"}",
        "{\"kind\":null,\"detail\":\"x\"}",
        "{\"kind\":0,\"detail\":\"x\"}",
        "{\"kind\":true,\"detail\":\"x\"}",
        "{\"kind\":[\"NETWORK\"],\"detail\":\"x\"}",
        "{\"kind\":{\"name\":\"NETWORK\"},\"detail\":\"x\"}",
        "{\"kind\":\"" + "N".repeat(100_000) + "\",\"detail\":\"x\"}",
        "{\"detail\":\"no kind at all\"}",
        "{\"kind\":\"FILE_READ\",\"detail\":\"read of /proc/1/environ\",\"test\":\"a.B#c\"}");

    AgentAttempts.Parsed parsed = parse(forged);

    assertEquals(List.of(new Violation(ViolationKind.FILE_READ, "read of /proc/1/environ", "a.B#c", List.of(),
        Evidence.AGENT)), parsed.attempts());
    assertEquals(0, parsed.dropped());
    assertEquals(null, parsed.unavailable());
  }

  private static AgentAttempts.Parsed parse(String lines) {
    return AgentAttempts.parse(lines.getBytes(StandardCharsets.UTF_8));
  }
}
