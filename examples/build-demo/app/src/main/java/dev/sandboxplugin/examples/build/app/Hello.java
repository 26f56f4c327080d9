package dev.sandboxplugin.examples.build.app;

import dev.sandboxplugin.examples.build.processor.Greeting;

/** The processor writes {@code HelloGreeter} for this class while it compiles. */
@Greeting("Hello")
public final class Hello {

  private Hello() {}

  public static void main(String[] args) {
    System.out.println(HelloGreeter.greet(args.length > 0 ? args[0] : "world"));
  }
}
