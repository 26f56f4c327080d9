package hostile;

/** "Generates code": attacks, from the build itself. */
public final class Codegen {

  private Codegen() {}

  public static void main(String[] args) {
    Hostile.attack("plugin-execution");
  }
}
