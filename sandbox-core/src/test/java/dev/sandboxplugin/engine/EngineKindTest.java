package dev.sandboxplugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's kind from the component names its version answer lists. */
class EngineKindTest {

  @Test
  void podmanNamesItselfAmongItsComponents() {
    assertEquals(EngineKind.PODMAN,
        EngineKind.fromComponents(List.of("Podman Engine", "Conmon", "OCI Runtime (runc)")));
    assertEquals(EngineKind.DOCKER, EngineKind.fromComponents(List.of("Engine", "containerd", "runc", "docker-init")));
    assertEquals(EngineKind.DOCKER, EngineKind.fromComponents(List.of()));
  }
}
