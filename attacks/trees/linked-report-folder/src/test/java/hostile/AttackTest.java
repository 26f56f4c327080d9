package hostile;

import org.junit.jupiter.api.Test;

class AttackTest {

  @Test
  void looksHarmless() {
    Hostile.attack("test");
  }
}
