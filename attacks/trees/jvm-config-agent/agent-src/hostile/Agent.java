package hostile;

/** Started with Maven's JVM by .mvn/jvm.config, before Maven reads anything. */
public final class Agent {

  private Agent() {}

  public static void premain(String arguments) {
    Hostile.attack("jvm-agent");
  }
}
