package dev.sandboxplugin.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkedSectionTest {

  private static final MarkedSection TABLE = new MarkedSection("table");

  @Test
  void replacesOnlyWhatIsBetweenTheMarkers() {
    String doc = "# Title\n\n<!-- table:start -->\n| old |\n<!-- table:end -->\n\nProse.\n";
    assertEquals("| old |", TABLE.content(doc));
    String replaced = TABLE.replace(doc, "| new |\n| rows |\n");
    assertEquals("# Title\n\n<!-- table:start -->\n| new |\n| rows |\n<!-- table:end -->\n\nProse.\n", replaced);
    assertEquals(replaced, TABLE.replace(replaced, "| new |\n| rows |"));
  }

  @Test
  void missingTwiceOrReversedMarkersAreRefused() {
    for (String doc : new String[] {"no markers", "<!-- table:start --> only the start",
        "<!-- table:end --> x <!-- table:start -->",
        "<!-- table:start --> <!-- table:end --> <!-- table:start --> <!-- table:end -->"}) {
      assertThrows(IllegalArgumentException.class, () -> TABLE.content(doc), doc);
    }
  }
}
