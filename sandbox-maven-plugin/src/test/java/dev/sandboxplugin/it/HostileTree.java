package dev.sandboxplugin.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * One case of the hostile-tree corpus ({@code attacks/trees/<case>/}), made ready to run: a copy of its project with
 * the shared attack ({@code _shared/hostile/Hostile.java}) put where its {@code case.properties} says, its jars built
 * (a Java agent for {@code .mvn/jvm.config}, a Maven extension installed in the ITs' repository as a trusted
 * repository would serve a typosquatted one), and its links to the host's canary made. The copy is
 * {@code <work>/<case>/tree}; Maven is started in {@code <work>/<case>}, outside it, as a pipeline would.
 */
final class HostileTree {

  static final Path CORPUS = MavenRun.repository().resolve("attacks/trees");
  /** The folder the attack knows and aims at; made by {@link Canary}. */
  static final Path CANARY = Path.of("/tmp/sandbox-canary");

  final String name;
  final Path pipeline;
  final Path tree;
  final Properties expected = new Properties();

  private HostileTree(String name, Path pipeline, Path tree) {
    this.name = name;
    this.pipeline = pipeline;
    this.tree = tree;
  }

  static List<String> names() throws IOException {
    try (Stream<Path> cases = Files.list(CORPUS)) {
      return cases.filter(Files::isDirectory).map(path -> path.getFileName().toString())
          .filter(name -> !name.startsWith("_")).sorted().toList();
    }
  }

  /**
   * The cases that run through {@code path} ({@code build}, {@code scan} or {@code action}): by default the scan and
   * the Action, whose {@code sandbox:build} is started from outside the tree as a plain {@code mvn} would be. A case
   * whose attack acts only inside the sandbox's build names {@code through=build,scan}: its build needs no Action
   * around it; {@code test-only} stays as the Action's witness of those.
   */
  static List<String> namesThrough(String path) throws IOException {
    List<String> through = new ArrayList<>();
    for (String name : names()) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(CORPUS.resolve(name).resolve("case.properties"))) {
        properties.load(in);
      }
      if (list(properties.getProperty("through", "action,scan")).contains(path)) {
        through.add(name);
      }
    }
    return through;
  }

  static HostileTree prepare(String name, String run) throws IOException {
    Path pipeline = MavenRun.workFolder("hostile-" + run + "-" + name);
    HostileTree tree = new HostileTree(name, pipeline, MavenRun.copyOf(CORPUS.resolve(name), pipeline.resolve("tree")));
    try (InputStream in = Files.newInputStream(CORPUS.resolve(name).resolve("case.properties"))) {
      tree.expected.load(in);
    }
    Files.delete(tree.tree.resolve("case.properties"));
    tree.injectAttack();
    tree.buildJars();
    tree.makeLinks();
    return tree;
  }

  /**
   * Makes the tree a repository whose one commit after {@code base} (an empty one) adds the whole case, written by
   * an assistant: what a scan of {@code base..HEAD} flags and runs.
   */
  void commitAsAssistantWork() throws Exception {
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(tree.toFile())
        .setInitialBranch("main").call()) {
      org.eclipse.jgit.lib.PersonIdent human = new org.eclipse.jgit.lib.PersonIdent("Jane Developer", "jane@example.com");
      git.commit().setAllowEmpty(true).setAuthor(human).setCommitter(human).setMessage("the base").setSign(false).call();
      git.tag().setName("base").setAnnotated(false).call();
      git.add().addFilepattern(".").call();
      git.commit().setAuthor(human).setCommitter(human).setSign(false)
          .setMessage("Add " + name + "\n\nCo-authored-by: Claude <noreply@anthropic.com>").call();
    }
  }

  String expect(String key) {
    return expected.getProperty(key, "");
  }

  Set<String> expectedKinds() {
    return new TreeSet<>(list(expect("kinds")));
  }

  private void injectAttack() throws IOException {
    for (String sourceRoot : list(expect("hostile"))) {
      Path target = tree.resolve(sourceRoot).resolve("hostile/Hostile.java");
      Files.createDirectories(target.getParent());
      Files.copy(CORPUS.resolve("_shared/hostile/Hostile.java"), target);
    }
  }

  // jar=<sources folder>:<jar path in the tree>[:<Premain-Class>], several separated by ';'
  // install=<sources folder>:<groupId>:<artifactId>:<version> builds against Maven's API and installs into the ITs'
  // local repository.
  private void buildJars() throws IOException {
    for (String spec : expect("jar").split(";")) {
      if (spec.isBlank()) {
        continue;
      }
      String[] parts = spec.trim().split(":");
      Path jar = tree.resolve(parts[1]);
      compileAndJar(tree.resolve(parts[0]), jar, parts.length > 2 ? parts[2] : null);
      deleteFolder(tree.resolve(parts[0]));
    }
    String install = expect("install");
    if (!install.isBlank()) {
      String[] parts = install.split(":");
      Path sources = tree.resolve(parts[0]);
      Path folder = MavenRun.localRepository().resolve(parts[1].replace('.', '/')).resolve(parts[2]).resolve(parts[3]);
      Files.createDirectories(folder);
      // Another case's Maven may be reading the installed jar right now: replace it whole, never rewrite it in place.
      Path jar = Files.createTempFile(folder, "installing-", ".jar");
      compileAndJar(sources, jar, null);
      Files.move(jar, folder.resolve(parts[2] + "-" + parts[3] + ".jar"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Path pom = Files.writeString(Files.createTempFile(folder, "installing-", ".pom"), "<project><modelVersion>4.0.0"
          + "</modelVersion><groupId>" + parts[1] + "</groupId><artifactId>" + parts[2] + "</artifactId><version>"
          + parts[3] + "</version></project>\n");
      Files.move(pom, folder.resolve(parts[2] + "-" + parts[3] + ".pom"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      deleteFolder(sources);
    }
  }

  // link.<path in the tree>=canary (the host's secret file) | sentinel (the canary folder) | <any path>
  private void makeLinks() throws IOException {
    for (String key : expected.stringPropertyNames()) {
      if (!key.startsWith("link.")) {
        continue;
      }
      Path link = tree.resolve(key.substring("link.".length()));
      String target = expected.getProperty(key);
      Path to = switch (target) {
        case "canary" -> CANARY.resolve("secret.txt");
        case "sentinel" -> CANARY;
        default -> Path.of(target);
      };
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, to);
    }
  }

  private static void compileAndJar(Path sources, Path jar, String premainClass) throws IOException {
    Path classes = Files.createTempDirectory("hostile-classes-");
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none",
        "-cp", mavenApiClasspath()));
    try (Stream<Path> walk = Files.walk(sources)) {
      walk.filter(path -> path.toString().endsWith(".java")).forEach(path -> arguments.add(path.toString()));
    }
    int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("the hostile case's sources in " + sources + " do not compile");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (premainClass != null) {
      manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), premainClass);
    }
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      List<Path> entries = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(classes)) {
        walk.filter(Files::isRegularFile).sorted().forEach(entries::add);
      }
      try (Stream<Path> walk = Files.walk(sources)) {
        walk.filter(path -> Files.isRegularFile(path) && !path.toString().endsWith(".java")).forEach(entries::add);
      }
      for (Path entry : entries) {
        String name = (entry.startsWith(classes) ? classes.relativize(entry) : sources.relativize(entry)).toString();
        out.putNextEntry(new JarEntry(name));
        out.write(Files.readAllBytes(entry));
        out.closeEntry();
      }
    }
  }

  private static String mavenApiClasspath() throws IOException {
    try (Stream<Path> jars = Files.list(MavenRun.mavenHome().resolve("lib"))) {
      return String.join(":", jars.map(Path::toString).filter(path -> path.endsWith(".jar")).toList());
    }
  }

  private static void deleteFolder(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
  }

  /**
   * The host's canary: a folder the attack aims at ({@link #CANARY}) with a secret file in it, and the CI job's token
   * in the Maven process's environment. After a run, nothing in the folder may have changed and the token may appear
   * nowhere.
   */
  static final class Canary {
    final String token = "canary-" + java.util.UUID.randomUUID();
    private final String secret = "host secret " + java.util.UUID.randomUUID();

    private static Canary planted;

    /**
     * The one canary of the test JVM, planted before the first case. Cases run side by side, so none may re-plant it
     * under another: a case that changed it fails every later one too, which is loud enough.
     */
    static synchronized Canary plant() throws IOException {
      if (planted != null) {
        return planted;
      }
      Canary canary = new Canary();
      if (Files.exists(CANARY, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        deleteFolder(CANARY);
      }
      Files.createDirectories(CANARY);
      Files.writeString(CANARY.resolve("secret.txt"), canary.secret, StandardCharsets.UTF_8);
      Files.writeString(CANARY.resolve("TEST-foreign.xml"), "<testsuite name=\"foreign\"/>", StandardCharsets.UTF_8);
      planted = canary;
      return canary;
    }

    /** What the folder holds, for the test to compare with {@link #untouched()}. */
    List<String> contents() {
      try (Stream<Path> files = Files.list(CANARY)) {
        return files.map(path -> path.getFileName() + "=" + read(path)).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<String> untouched() {
      return List.of("TEST-foreign.xml=<testsuite name=\"foreign\"/>", "secret.txt=" + secret);
    }

    /** Whether the token or the host file's secret is in {@code text}. */
    boolean leakedInto(String text) {
      return text.contains(token) || text.contains(secret);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        return "(unreadable)";
      }
    }
  }
}
