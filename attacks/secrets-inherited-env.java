// attack: dump the inherited environment
// expect: PASSED
// stopped-by: the environment allowlist
public class InheritedEnv {
  public static void main(String[] args) {
    System.out.println(System.getenv());
    if (System.getenv().containsKey("CI_JOB_TOKEN") || System.getenv().containsKey("MAVEN_HOME")) System.exit(42);
  }
}
