package dev.sandboxplugin.examples.hello;

import java.util.List;

/** Well behaved: greets, shows its arguments and exits 0. */
public final class Hello {

  public static void main(String[] args) {
    System.out.println("Hello from the sandbox, running as " + System.getProperty("user.name")
        + " on Java " + Runtime.version().feature());
    System.out.println("Arguments: " + List.of(args));
  }
}
