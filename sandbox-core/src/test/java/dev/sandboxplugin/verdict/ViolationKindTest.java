package dev.sandboxplugin.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViolationKindTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theNamesAreTheReportFormats() {
    // Reports, SARIF rule ids, Code Quality and the agent inside the sandbox all use these: they never change.
    assertEquals(List.of("NETWORK", "DNS", "FILE_READ", "FILE_WRITE", "EXEC", "PROCESS", "EXIT", "MOUNT", "SYSCALL",
        "SECCOMP", "LINK", "REPORT", "CONFIG_CHANGE", "DISK", "TIMEOUT", "MEMORY", "PIDS", "LOOKUP", "JVM"),
        Arrays.stream(ViolationKind.values()).map(ViolationKind::name).toList());
  }

  @Test
  void aViolationIsWrittenWithItsKindsNameAndReadBack() throws Exception {
    Violation violation = new Violation(ViolationKind.CONFIG_CHANGE, "commit abc changes the POM", Evidence.HOST);

    String json = JSON.writeValueAsString(violation);

    assertTrue(json.contains("\"kind\":\"CONFIG_CHANGE\""), json);
    assertEquals(violation, JSON.readValue(json, Violation.class));
  }

  @Test
  void aReportWithAKindThisVersionDoesNotKnowIsRefusedNamingIt() {
    for (String kind : List.of("\"EGRESS\"", "\"network\"", "\"\"", "3")) {
      JsonMappingException refused = assertThrows(JsonMappingException.class,
          () -> JSON.readValue("{\"kind\":" + kind + ",\"detail\":\"x\"}", Violation.class));
      assertTrue(refused.getMessage().contains("is not a violation kind"), refused.getMessage());
    }
  }

  @Test
  void namedFindsOnlyTheExactNameAndNeverThrows() {
    assertEquals(Optional.of(ViolationKind.FILE_WRITE), ViolationKind.named("FILE_WRITE"));
    for (String other : Arrays.asList(null, "", "file_write", "FILE-WRITE", " FILE_WRITE", "ROOTKIT")) {
      assertEquals(Optional.empty(), ViolationKind.named(other), other);
    }
  }

  @Test
  void noticesAndLimitsAreTheKindsTheVerdictTreatsApart() {
    assertEquals(Set.of(ViolationKind.LOOKUP, ViolationKind.JVM), kinds(ViolationKind::isNotice));
    assertEquals(Set.of(ViolationKind.TIMEOUT, ViolationKind.MEMORY, ViolationKind.PIDS),
        kinds(ViolationKind::isLimit));
  }

  @Test
  void everyKindSaysWhatItIsAndABreachRanksAboveNothing() {
    for (ViolationKind kind : ViolationKind.values()) {
      assertTrue(kind.ruleName().matches("[A-Z][A-Za-z]+"), kind::name);
      assertFalse(kind.title().isBlank(), kind::name);
      assertTrue(kind.description().endsWith("."), kind::name);
      assertTrue(kind.securitySeverity() >= 0 && kind.securitySeverity() <= 10, kind::name);
      assertEquals(kind.isNotice(), kind.securitySeverity() == 0, kind::name);
    }
  }

  private static Set<ViolationKind> kinds(java.util.function.Predicate<ViolationKind> which) {
    return Arrays.stream(ViolationKind.values()).filter(which).collect(Collectors.toSet());
  }
}
