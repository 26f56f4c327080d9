package dev.sandboxplugin.examples.tests;

/** What the tests test. */
public final class Calculator {

  private Calculator() {}

  public static int add(int a, int b) {
    return a + b;
  }

  public static int percent(int part, int whole) {
    return whole == 0 ? 0 : part * 100 / whole;
  }
}
