package dev.sandboxplugin.examples.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalculatorTest {

  @Test
  void addsPositiveNumbers() {
    assertEquals(5, Calculator.add(2, 3));
  }

  @Test
  void addsNegativeNumbers() {
    assertEquals(-5, Calculator.add(-2, -3));
  }

  @Test
  void computesPercent() {
    assertEquals(25, Calculator.percent(1, 4));
  }

  // Fails on purpose: the example shows a failing test reported as Surefire would.
  @Test
  void roundsPercentUp() {
    assertEquals(34, Calculator.percent(1, 3), "one third in percent, rounded up");
  }
}
