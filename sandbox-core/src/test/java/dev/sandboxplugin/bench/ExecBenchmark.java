package dev.sandboxplugin.bench;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.payload.MainClassPayload;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Prints what the sandbox costs for a trivial payload, as medians and ratios measured in one run (this machine's
 * timings are noisy): native JVM vs sandboxed run, cold vs unchanged image build, and optionally a whole
 * {@code mvn} run with and without the sandbox. Not a test: it asserts nothing.
 *
 * <p>Usage: {@code scripts/benchmark [runs]} (default 5).
 */
public final class ExecBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path work = Files.createTempDirectory("sandbox-bench");
    Path classes = compileHello(work);
    Path cache = SandboxSpec.defaultCacheDir(System.getenv());
    MainClassPayload payload = new MainClassPayload("Hello", List.of(classes), List.of());

    double nativeRun = median(runs, () -> {
      Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classes.toString(), "Hello")
          .redirectErrorStream(true).start();
      java.getInputStream().readAllBytes();
      return java.waitFor();
    });

    double cold;
    double unchanged;
    try (DockerEngine engine = DockerEngine.connect()) {
      PayloadImageBuilder builder = new PayloadImageBuilder(engine, cache);
      cold = median(runs, () -> {
        PayloadImage image = builder.build(BaseImage.offlineJava(), payload);
        engine.client().removeImageCmd(image.imageId()).withForce(true).exec();
        return 0;
      });
      builder.build(BaseImage.offlineJava(), payload);
      unchanged = median(runs, () -> builder.build(BaseImage.offlineJava(), payload).reused() ? 0 : 1);
    }

    SandboxSpec spec = new SandboxSpec(payload, SandboxPolicy.builder().build(), BaseImage.offlineJava(), cache,
        work.resolve("report"), Map.of());
    List<Long> containerMillis = Collections.synchronizedList(new ArrayList<>());
    double sandboxed = median(runs, () -> {
      SandboxResult result = Sandbox.run(spec, SandboxListener.silent());
      if (!result.passed()) {
        throw new IllegalStateException("benchmark payload did not pass: " + result.report().reason());
      }
      containerMillis.add(result.report().durationMs());
      return 0;
    });

    // The same payload with network=allowlist: what the egress proxy and forwarder add to a run.
    SandboxSpec allowlist = new SandboxSpec(payload, SandboxPolicy.builder()
        .network(NetworkPolicy.of("allowlist", List.of("repo.example.org"))).build(), BaseImage.offlineJava(), cache,
        work.resolve("report"), Map.of());
    double withProxy = median(runs, () -> {
      SandboxResult result = Sandbox.run(allowlist, SandboxListener.silent());
      if (!result.passed()) {
        throw new IllegalStateException("benchmark payload did not pass: " + result.report().reason());
      }
      return 0;
    });

    System.out.printf("trivial payload, median of %d runs%n", runs);
    System.out.printf("  native JVM run                 %7.0f ms%n", nativeRun);
    System.out.printf("  sandboxed run (whole)          %7.0f ms   ratio %.2fx, +%.0f ms%n",
        sandboxed, sandboxed / nativeRun, sandboxed - nativeRun);
    System.out.printf("    of which container start-exit %6.0f ms%n", medianOf(containerMillis));
    System.out.printf("  sandboxed run, network allowlist %5.0f ms   +%.0f ms for the egress proxy%n",
        withProxy, withProxy - sandboxed);
    System.out.printf("  image build, cold              %7.0f ms%n", cold);
    System.out.printf("  image build, unchanged         %7.0f ms   ratio to cold %.3f%n", unchanged, unchanged / cold);

    String example = System.getProperty("sandbox.bench.example");
    if (example != null) {
      List<String> mvn = List.of("mvn", "-q", "-o", "-f", example);
      double plain = median(runs, () -> run(concat(mvn, "compile", "org.codehaus.mojo:exec-maven-plugin:3.5.0:java",
          "-Dexec.mainClass=dev.sandboxplugin.examples.hello.Hello")));
      double inSandbox = median(runs, () -> run(concat(mvn, "compile", "sandbox:exec")));
      System.out.printf("  mvn compile exec:java          %7.0f ms%n", plain);
      System.out.printf("  mvn compile sandbox:exec       %7.0f ms   ratio %.2fx, +%.0f ms%n",
          inSandbox, inSandbox / plain, inSandbox - plain);
    }
  }

  private static Path compileHello(Path work) throws Exception {
    Path source = work.resolve("Hello.java");
    Files.writeString(source, "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
    Path classes = Files.createDirectories(work.resolve("classes"));
    int exit = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", classes.toString(), source.toString());
    if (exit != 0) {
      throw new IllegalStateException("javac failed");
    }
    return classes;
  }

  private static int run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
    }
    return exit;
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static double median(int runs, Callable<Integer> action) throws Exception {
    action.call(); // warm-up, not counted
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      action.call();
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    return medianOf(millis);
  }

  private static double medianOf(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
