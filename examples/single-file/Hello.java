import java.util.List;

/**
 * A single-file program, run with no project at all:
 *
 * <pre>
 * mvn dev.sandboxplugin:sandbox-maven-plugin:0.1.0-SNAPSHOT:exec -Dsandbox.source=Hello.java -Dsandbox.args="a b"
 * </pre>
 *
 * It is compiled inside the sandbox by the JVM's source launcher; the report lands in ./target/sandbox/report.json.
 */
public class Hello {

  public static void main(String[] args) {
    System.out.println("Hello from a single source file, arguments " + List.of(args));
  }
}
