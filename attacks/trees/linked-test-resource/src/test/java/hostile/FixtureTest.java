package hostile;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FixtureTest {

  @Test
  void printsItsFixture() throws Exception {
    try (InputStream in = FixtureTest.class.getResourceAsStream("/fixture.txt")) {
      System.out.println("fixture: " + (in == null ? "absent" : new String(in.readAllBytes())));
    }
  }
}
