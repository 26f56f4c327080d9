package dev.sandboxplugin.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a project keeps its sources, tests and scripts, and how a commit's changed files map onto what the sandbox
 * runs:
 * <ul>
 *   <li>a test source named like a test ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}, Surefire's
 *       default includes) runs as that class, {@code src/test/java/a/b/XTest.java} as {@code a.b.XTest};</li>
 *   <li>a main source {@code a/b/Foo.java} runs the tests named after it, {@code a.b.FooTest}, {@code FooTests},
 *       {@code TestFoo}, {@code FooTestCase}, that the project has;</li>
 *   <li>a file under a script folder with a script's extension runs as a script;</li>
 *   <li>a POM, a file under {@code .mvn/} or under a module's {@code src/main/} changes the build itself (a plugin
 *       execution, an extension, an annotation processor): the build runs, with the tests or without.</li>
 * </ul>
 * A class runs only when it is compiled at HEAD (a test the commit added and a later one removed does not).
 * Other test sources (helpers, fixtures) are not run by name: the tests that use them are.
 *
 * @param workTree the repository's working tree
 * @param project the project's base directory, inside {@code workTree}
 * @param testSourceRoots the project's test source folders
 * @param mainSourceRoots the project's main source folders
 * @param testClasses the compiled tests ({@code target/test-classes}); null when the project is read as sources only
 *     (a scan from outside the tree, whose build runs inside the sandbox): a test then runs when its source is there
 * @param scriptFolders folders whose changed scripts run, e.g. {@code scripts}, relative to the project
 */
public record ProjectLayout(Path workTree, Path project, List<Path> testSourceRoots, List<Path> mainSourceRoots,
    Path testClasses, List<String> scriptFolders) {

  /** Extensions of the scripts a script payload can run. */
  public static final Set<String> SCRIPT_EXTENSIONS = Set.of("sh", "bash", "py", "js", "mjs", "cjs");

  public ProjectLayout {
    workTree = workTree.toAbsolutePath().normalize();
    project = project.toAbsolutePath().normalize();
    testSourceRoots = testSourceRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    mainSourceRoots = mainSourceRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    testClasses = testClasses == null ? null : testClasses.toAbsolutePath().normalize();
    scriptFolders = scriptFolders.stream().map(String::trim).filter(f -> !f.isEmpty())
        .map(f -> f.replace('\\', '/').replaceAll("^/+|/+$", "")).toList();
  }

  /**
   * A layout after Maven's conventions: {@code src/main/java}, {@code src/test/java},
   * {@code target/test-classes}.
   */
  public static ProjectLayout conventional(Path workTree, Path project, List<String> scriptFolders) {
    return new ProjectLayout(workTree, project, List.of(project.resolve("src/test/java")),
        List.of(project.resolve("src/main/java")), project.resolve("target/test-classes"), scriptFolders);
  }

  /**
   * A project read as sources, every module's: {@code <module>/src/test/java} and {@code <module>/src/main/java} of
   * each folder that has a {@code pom.xml}, found without following links. Nothing needs to be compiled: a scan from
   * outside the tree builds it inside the sandbox.
   */
  public static ProjectLayout ofSources(Path workTree, Path project, List<String> modules, List<String> scriptFolders) {
    List<Path> tests = new ArrayList<>();
    List<Path> mains = new ArrayList<>();
    for (String module : modules) {
      Path folder = module.isEmpty() ? project : project.resolve(module);
      tests.add(folder.resolve("src/test/java"));
      mains.add(folder.resolve("src/main/java"));
    }
    return new ProjectLayout(workTree, project, tests, mains, null, scriptFolders);
  }

  /** What runs for the files one commit changed. */
  public Targets targets(List<ScannedCommit.ChangedFile> changes) {
    Set<String> tests = new TreeSet<>();
    Set<String> scripts = new TreeSet<>();
    Set<String> buildFiles = new TreeSet<>();
    List<String> notes = new ArrayList<>();
    for (ScannedCommit.ChangedFile change : changes) {
      if (change.deleted()) {
        continue;
      }
      Path file = workTree.resolve(change.path()).normalize();
      if (!file.startsWith(project)) {
        continue;
      }
      if (changesTheBuild(file)) {
        buildFiles.add(change.path());
      }
      String testClass = className(file, testSourceRoots);
      String mainClass = testClass == null ? className(file, mainSourceRoots) : null;
      if (!validName(testClass) || !validName(mainClass)) {
        // A path is the commit's to choose: what is not a Java class name never reaches a selection or a log.
        notes.add(change.path() + ": not a Java class name");
        continue;
      }
      if (testClass != null) {
        if (!namedLikeTest(simpleName(testClass))) {
          notes.add(change.path() + ": not named like a test; the tests that use it run when they changed");
        } else if (compiled(testClass)) {
          tests.add(testClass);
        } else {
          notes.add(change.path() + ": " + testClass + " is not compiled at HEAD (removed later, or run"
              + " test-compile first)");
        }
        continue;
      }
      if (mainClass != null) {
        String pkg = mainClass.contains(".") ? mainClass.substring(0, mainClass.lastIndexOf('.') + 1) : "";
        String simple = simpleName(mainClass);
        List<String> named = List.of(pkg + simple + "Test", pkg + simple + "Tests", pkg + "Test" + simple,
            pkg + simple + "TestCase").stream().filter(this::compiled).toList();
        tests.addAll(named);
        if (named.isEmpty()) {
          notes.add(change.path() + ": no test named after " + mainClass + " (" + simple + "Test)");
        }
        continue;
      }
      if (isScript(file)) {
        scripts.add(change.path());
      }
    }
    return new Targets(List.copyOf(tests), List.copyOf(scripts), List.copyOf(buildFiles), notes);
  }

  // What the build reads as code or as its own configuration, beyond the tests: it runs even when no test changed.
  private boolean changesTheBuild(Path file) {
    String relative = project.relativize(file).toString().replace('\\', '/');
    return file.getFileName().toString().equals("pom.xml") || relative.startsWith(".mvn/")
        || mainSourceRoots.stream().anyMatch(root -> root.getParent() != null && file.startsWith(root.getParent()));
  }

  /** Whether a repository-relative path is a Java source of this project, main or test. */
  public boolean isJavaSource(String repositoryPath) {
    Path file = workTree.resolve(repositoryPath).normalize();
    return file.startsWith(project) && file.getFileName().toString().endsWith(".java")
        && (testSourceRoots.stream().anyMatch(file::startsWith) || mainSourceRoots.stream().anyMatch(file::startsWith));
  }

  /** The repository-relative path of a project file, with {@code /}. */
  public String repositoryPath(Path file) {
    return workTree.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private boolean isScript(Path file) {
    String relative = project.relativize(file).toString().replace('\\', '/');
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return SCRIPT_EXTENSIONS.contains(extension)
        && scriptFolders.stream().anyMatch(folder -> relative.startsWith(folder + "/"));
  }

  private boolean compiled(String className) {
    String path = className.replace('.', '/');
    if (testClasses != null) {
      return Files.isRegularFile(testClasses.resolve(path + ".class"));
    }
    return testSourceRoots.stream().anyMatch(root -> Files.isRegularFile(root.resolve(path + ".java"),
        java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  private static String className(Path file, List<Path> roots) {
    if (!file.getFileName().toString().endsWith(".java")) {
      return null;
    }
    for (Path root : roots) {
      if (file.startsWith(root)) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (relative.endsWith("package-info.java") || relative.endsWith("module-info.java")) {
          return null;
        }
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
      }
    }
    return null;
  }

  private static boolean validName(String className) {
    if (className == null) {
      return true;
    }
    for (String part : className.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))
          || !part.codePoints().allMatch(c -> Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c))) {
        return false;
      }
    }
    return true;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private static boolean namedLikeTest(String simpleName) {
    return simpleName.startsWith("Test") || simpleName.endsWith("Test") || simpleName.endsWith("Tests")
        || simpleName.endsWith("TestCase");
  }

  /**
   * What runs for one commit.
   *
   * @param testClasses fully qualified test classes, sorted
   * @param scripts repository-relative paths of scripts, sorted
   * @param buildFiles repository-relative paths of the changed files the build itself reads (POMs, {@code .mvn/},
   *     main sources and resources), sorted
   * @param notes changed files that map to nothing that runs, and why
   */
  public record Targets(List<String> testClasses, List<String> scripts, List<String> buildFiles, List<String> notes) {

    public Targets {
      testClasses = List.copyOf(testClasses);
      scripts = List.copyOf(scripts);
      buildFiles = List.copyOf(buildFiles);
      notes = List.copyOf(notes);
    }
  }
}
