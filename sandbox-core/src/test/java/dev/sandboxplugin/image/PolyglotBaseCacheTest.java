package dev.sandboxplugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The polyglot base is built once per cache key; an unchanged one costs a key and an inspect. */
class PolyglotBaseCacheTest {

  @Test
  void theKeyChangesWithThePackagesToolAndStripScriptOnly() {
    assertEquals(PolyglotBase.cacheKey("1.3.5"), PolyglotBase.cacheKey("1.3.5"));
    assertNotEquals(PolyglotBase.cacheKey("1.3.5"), PolyglotBase.cacheKey("1.4.0"));
  }
}
