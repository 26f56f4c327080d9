package dev.sandboxplugin.examples.build.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelloGreeterTest {

  @ParameterizedTest
  @CsvSource({"world, 'Hello, world!'", "sandbox, 'Hello, sandbox!'"})
  void greetsWhatTheProcessorWasToldTo(String who, String expected) {
    assertEquals(expected, HelloGreeter.greet(who));
  }
}
