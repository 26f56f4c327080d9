package dev.sandboxplugin.testrunner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestSelectionTest {

  @Test
  void defaultIncludesAreSurefires() {
    TestSelection selection = TestSelection.parse(null);
    assertTrue(selection.selects("com.x.CalculatorTest", null));
    assertTrue(selection.selects("com.x.TestCalculator", "adds"));
    assertTrue(selection.selects("com.x.CalculatorTests", null));
    assertTrue(selection.selects("com.x.CalculatorTestCase", null));
    assertFalse(selection.selects("com.x.CalculatorHelper", null));
    // Nested classes go with their outer class.
    assertTrue(selection.selects("com.x.CalculatorTest$WhenEmpty", "isZero"));
    assertFalse(selection.explicit());
  }

  @Test
  void simpleNamesWildcardsAndPackages() {
    assertTrue(TestSelection.parse("CalculatorTest").selects("com.x.CalculatorTest", "adds"));
    assertFalse(TestSelection.parse("CalculatorTest").selects("com.x.OtherCalculatorTest", "adds"));
    assertTrue(TestSelection.parse("Calc*").selects("com.x.CalculatorTest", null));
    assertTrue(TestSelection.parse("com.x.Calc*Test").selects("com.x.CalculatorTest", null));
    assertFalse(TestSelection.parse("com.x.Calc*Test").selects("com.y.CalculatorTest", null));
    assertFalse(TestSelection.parse("com.*Test").selects("com.x.CalculatorTest", null));
    assertTrue(TestSelection.parse("com/**/CalculatorTest.java").selects("com.x.y.CalculatorTest", null));
    assertTrue(TestSelection.parse("**/CalculatorTest").selects("CalculatorTest", null));
    assertTrue(TestSelection.parse("Nothing, CalculatorTest ").selects("com.x.CalculatorTest", null));
  }

  @Test
  void methodsAndExclusions() {
    TestSelection methods = TestSelection.parse("CalculatorTest#adds*+divides");
    assertTrue(methods.selects("com.x.CalculatorTest", null), "the class stays, its methods are filtered");
    assertTrue(methods.selects("com.x.CalculatorTest", "addsTwo"));
    assertTrue(methods.selects("com.x.CalculatorTest", "divides"));
    assertFalse(methods.selects("com.x.CalculatorTest", "dividesByZero"));

    TestSelection excluding = TestSelection.parse("!Slow*");
    assertTrue(excluding.selects("com.x.CalculatorTest", "adds"), "exclusions alone keep the default includes");
    assertFalse(excluding.selects("com.x.SlowTest", "adds"));
    TestSelection excludingMethod = TestSelection.parse("*Test, !CalculatorTest#flaky");
    assertTrue(excludingMethod.selects("com.x.CalculatorTest", null));
    assertFalse(excludingMethod.selects("com.x.CalculatorTest", "flaky"));
    assertTrue(excludingMethod.selects("com.x.CalculatorTest", "adds"));
  }

  @Test
  void regexSyntaxIsRefusedWithAnExplanation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestSelection.parse("%regex[.*Test]"));
    assertTrue(e.getMessage().contains("%regex[] patterns are not supported"), e.getMessage());
  }
}
