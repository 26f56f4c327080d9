package dev.sandboxplugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.engine.DockerEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polyglot base is built once per cache key; an unchanged one costs a key and an inspect. */
class PolyglotBaseCacheEngineTest {

  private static final Path CACHE = SandboxSpec.defaultCacheDir(System.getenv());

  @Test
  void anUnchangedBaseIsNeitherRebuiltNorReloaded() {
    try (DockerEngine engine = DockerEngine.connect()) {
      List<String> progress = new ArrayList<>();
      String first = PolyglotBase.ensure(engine, CACHE, progress::add); // may build on a fresh machine
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        List<String> again = new ArrayList<>();
        long started = System.nanoTime();
        assertEquals(first, PolyglotBase.ensure(engine, CACHE, again::add));
        best = Math.min(best, System.nanoTime() - started);
        assertEquals(List.of(), again, "an unchanged base must not be rebuilt nor reloaded");
      }
      // How long a hit takes is a benchmark's to say (scripts/benchmark), not a test's.
      System.out.println("polyglot base cache hit: " + best / 1_000 + " us");
      assertEquals(engine.client().inspectImageCmd(first).exec().getConfig().getUser(), "65532:65532");
    }
  }
}
