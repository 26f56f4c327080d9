package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadKindTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsWriteTheKindInLowerCaseAndReadItBack() throws Exception {
    assertEquals(List.of("main", "source", "script", "tests", "build", "exec", "scan"),
        Arrays.stream(PayloadKind.values()).map(PayloadKind::label).toList());
    for (PayloadKind kind : PayloadKind.values()) {
      String json = JSON.writeValueAsString(kind);
      assertEquals("\"" + kind.label() + "\"", json);
      assertEquals(kind, JSON.readValue(json, PayloadKind.class));
    }
  }

  @Test
  void aWordThatIsNoKindIsRefused() {
    assertThrows(JsonMappingException.class, () -> JSON.readValue("\"egress-proxy\"", PayloadKind.class));
  }
}
