package dev.sandboxplugin.mavenext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.lifecycle.MavenExecutionPlan;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.project.DefaultDependencyResolutionRequest;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.DependencyRequest;

/**
 * The resolve step of {@code sandbox:build}: with {@code -Dsandbox.resolve.goals=verify} (the goals the build will
 * run), once the projects are read, fetches everything those goals will need and ends Maven, so that no mojo of the
 * project runs while the sandbox can still ask the host for files. What it fetches, for every project: the plugins of
 * the execution plan with their dependencies, the project's dependencies in every scope, the test providers Surefire
 * and Failsafe pick at run time, the compiler's annotation processor paths, and any artifacts named in
 * {@code -Dsandbox.resolve.artifacts} (what an earlier offline build was found to miss). A failure is reported and
 * skipped: the offline build then says what is missing, in Maven's own words.
 */
@Named("sandbox-resolve")
@Singleton
public final class ResolveParticipant extends AbstractMavenLifecycleParticipant {

  static final String GOALS = "sandbox.resolve.goals";
  static final String ARTIFACTS = "sandbox.resolve.artifacts";
  /** Said on stdout when the step has done its work; the host reads it. */
  static final String DONE = "[sandbox-resolve] done";

  private final LifecycleExecutor lifecycle;
  private final BuildPluginManager plugins;
  private final ProjectDependenciesResolver dependencies;
  private final RepositorySystem repositories;

  @Inject
  public ResolveParticipant(LifecycleExecutor lifecycle, BuildPluginManager plugins,
      ProjectDependenciesResolver dependencies, RepositorySystem repositories) {
    this.lifecycle = lifecycle;
    this.plugins = plugins;
    this.dependencies = dependencies;
    this.repositories = repositories;
  }

  @Override
  public void afterProjectsRead(MavenSession session) {
    String goals = session.getUserProperties().getProperty(GOALS);
    if (goals == null || goals.isBlank()) {
      return;
    }
    Steps steps = new Steps();
    Set<String> reactor = new LinkedHashSet<>();
    for (MavenProject project : session.getProjects()) {
      reactor.add(project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
    }
    MavenProject first = session.getProjects().isEmpty() ? null : session.getProjects().get(0);
    for (MavenProject project : session.getProjects()) {
      session.setCurrentProject(project);
      List<Artifact> testClasspath = steps.run("dependencies of " + project.getArtifactId(),
          () -> projectDependencies(session, project, reactor), List.of());
      List<MojoExecution> executions = new ArrayList<>();
      // The goals' plan, and the whole default lifecycle's: a plugin may compute it (maven-artifact-plugin's
      // check-buildplan does), and its install and deploy plugins are a few files more.
      for (String[] tasks : List.of(goals.trim().split("[,\\s]+"), new String[] {"deploy"})) {
        MavenExecutionPlan plan = steps.run("the plan of " + project.getArtifactId() + " for " + String.join(" ", tasks),
            () -> lifecycle.calculateExecutionPlan(session, tasks), null);
        if (plan != null) {
          executions.addAll(withForked(plan.getMojoExecutions()));
        }
      }
      for (MojoExecution execution : executions) {
        String plugin = execution.getGroupId() + ":" + execution.getArtifactId() + ":" + execution.getVersion();
        if (steps.firstTime(plugin)) {
          steps.run("plugin " + plugin, () -> plugins.getPluginRealm(session,
              execution.getMojoDescriptor().getPluginDescriptor()), null);
        }
        for (Artifact artifact : SurefireProviders.forExecution(execution, testClasspath)) {
          steps.run("test provider " + artifact, () -> resolveWithDependencies(session, artifact,
              project.getRemotePluginRepositories()), null);
        }
        for (Artifact artifact : annotationProcessorPaths(session, execution)) {
          steps.run("annotation processor " + artifact, () -> resolveWithDependencies(session, artifact,
              project.getRemoteProjectRepositories()), null);
        }
      }
    }
    String extra = session.getUserProperties().getProperty(ARTIFACTS, "");
    for (String coordinates : extra.split(",")) {
      if (!coordinates.isBlank() && first != null) {
        steps.run("artifact " + coordinates.trim(), () -> resolveWithDependencies(session,
            new DefaultArtifact(coordinates.trim()), first.getRemotePluginRepositories()), null);
      }
    }
    System.out.println(DONE + ": " + steps.done + " step(s), " + steps.failed + " failed");
    System.out.flush();
    // Nothing of the project may run in this step: end here, before the lifecycle starts.
    System.exit(0);
  }

  private List<Artifact> projectDependencies(MavenSession session, MavenProject project, Set<String> reactor)
      throws Exception {
    DefaultDependencyResolutionRequest request =
        new DefaultDependencyResolutionRequest(project, session.getRepositorySession());
    // The reactor's own modules are built, not fetched.
    request.setResolutionFilter((node, parents) -> node.getArtifact() == null
        || !reactor.contains(node.getArtifact().getGroupId() + ":" + node.getArtifact().getArtifactId() + ":"
            + node.getArtifact().getBaseVersion()));
    DependencyResolutionResult result = dependencies.resolve(request);
    List<Artifact> artifacts = new ArrayList<>();
    for (Dependency dependency : result.getDependencies()) {
      artifacts.add(dependency.getArtifact());
    }
    return artifacts;
  }

  private Object resolveWithDependencies(MavenSession session, Artifact artifact, List<RemoteRepository> remotes)
      throws Exception {
    RepositorySystemSession repositorySession = session.getRepositorySession();
    CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), remotes);
    return repositories.resolveDependencies(repositorySession, new DependencyRequest(collect, null));
  }

  private static List<MojoExecution> withForked(List<MojoExecution> executions) {
    List<MojoExecution> all = new ArrayList<>();
    for (MojoExecution execution : executions) {
      all.add(execution);
      execution.getForkedExecutions().values().forEach(forked -> all.addAll(withForked(forked)));
    }
    return all;
  }

  // maven-compiler-plugin resolves <annotationProcessorPaths> itself when it runs.
  private static List<Artifact> annotationProcessorPaths(MavenSession session, MojoExecution execution) {
    if (!"maven-compiler-plugin".equals(execution.getArtifactId()) || execution.getConfiguration() == null) {
      return List.of();
    }
    Xpp3Dom paths = execution.getConfiguration().getChild("annotationProcessorPaths");
    if (paths == null) {
      return List.of();
    }
    PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(session, execution);
    List<Artifact> artifacts = new ArrayList<>();
    for (Xpp3Dom path : paths.getChildren()) {
      String groupId = value(evaluator, path, "groupId");
      String artifactId = value(evaluator, path, "artifactId");
      String version = value(evaluator, path, "version");
      if (groupId != null && artifactId != null && version != null) {
        String classifier = value(evaluator, path, "classifier");
        String type = value(evaluator, path, "type");
        artifacts.add(new DefaultArtifact(groupId, artifactId, classifier == null ? "" : classifier,
            type == null ? "jar" : type, version));
      }
    }
    return artifacts;
  }

  private static String value(PluginParameterExpressionEvaluator evaluator, Xpp3Dom parent, String name) {
    Xpp3Dom child = parent.getChild(name);
    if (child == null || child.getValue() == null || child.getValue().isBlank()) {
      return null;
    }
    try {
      Object value = evaluator.evaluate(child.getValue().trim());
      return value == null ? null : value.toString();
    } catch (Exception unresolvable) {
      return null;
    }
  }

  /** Runs each step, telling what failed and going on. */
  private static final class Steps {
    private final Set<String> seen = new LinkedHashSet<>();
    int done;
    int failed;

    boolean firstTime(String key) {
      return seen.add(key);
    }

    <T> T run(String what, Step<T> step, T otherwise) {
      try {
        T result = step.run();
        done++;
        return result;
      } catch (Exception | LinkageError e) {
        failed++;
        System.out.println("[sandbox-resolve] could not resolve " + what + ": " + firstLine(e));
        return otherwise;
      }
    }

    // The first line of the message, and the root cause's when it is another: that is where the reason is.
    private static String firstLine(Throwable error) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String line = line(error);
      return root == error ? line : line + " (" + line(root) + ")";
    }

    private static String line(Throwable error) {
      String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }
}
