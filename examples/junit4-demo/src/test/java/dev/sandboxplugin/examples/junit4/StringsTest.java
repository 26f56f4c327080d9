package dev.sandboxplugin.examples.junit4;

import static org.junit.Assert.assertEquals;

import org.junit.Ignore;
import org.junit.Test;

public class StringsTest {

  @Test
  public void joins() {
    assertEquals("a,b", String.join(",", "a", "b"));
  }

  @Test
  public void repeats() {
    assertEquals("abab", "ab".repeat(2));
  }

  @Ignore("shows as skipped")
  @Test
  public void ignored() {
  }
}
