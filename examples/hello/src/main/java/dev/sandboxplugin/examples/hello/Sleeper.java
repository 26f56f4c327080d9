package dev.sandboxplugin.examples.hello;

/** Never ends on its own: the sandbox's wall-clock timeout has to stop it. */
public final class Sleeper {

  public static void main(String[] args) throws InterruptedException {
    System.out.println("Sleeping forever");
    while (true) {
      Thread.sleep(60_000);
    }
  }
}
