package app;

/** Any class: compiling it runs the processor. */
public final class App {
  private App() {}
}
