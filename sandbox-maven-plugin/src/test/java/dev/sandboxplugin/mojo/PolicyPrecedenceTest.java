package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.policy.EnforcementMode;
import dev.sandboxplugin.policy.InvalidPolicyException;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.PolicyFileException;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** defaults &lt; sandbox-policy.yaml &lt; POM configuration &lt; -Dsandbox.*, through the Mojo's own code. */
class PolicyPrecedenceTest {

  @TempDir
  Path baseDir;

  private SandboxPolicy effective(ExecMojo mojo, Properties commandLine) {
    mojo.applyCommandLine(new CommandLineOverrides(commandLine));
    return mojo.policy(baseDir);
  }

  @Test
  void eachLayerWinsOverTheOneBelow() throws Exception {
    Files.writeString(baseDir.resolve("sandbox-policy.yaml"), """
        memory: 1g
        timeout: 2m
        pids: 64
        mode: audit
        """);
    ExecMojo mojo = new ExecMojo(null, null);
    mojo.memory = "768m"; // POM
    mojo.timeout = "90s"; // POM
    Properties commandLine = new Properties();
    commandLine.setProperty(PropertyNames.TIMEOUT, "30s");

    SandboxPolicy policy = effective(mojo, commandLine);

    assertEquals(MemorySize.ofMegabytes(768), policy.memory(), "POM over file");
    assertEquals(Duration.ofSeconds(30), policy.timeout(), "command line over POM over file");
    assertEquals(64, policy.pids(), "file over default");
    assertEquals(EnforcementMode.AUDIT, policy.mode(), "file over default");
    assertEquals(SandboxPolicy.builder().build().cpus(), policy.cpus(), "default");
    assertEquals(Optional.of(baseDir.resolve("sandbox-policy.yaml")), policy.file());
  }

  @Test
  void theCommandLineNamesAnotherFileAndThePomsValuesStillWin() throws Exception {
    Files.writeString(baseDir.resolve("sandbox-policy.yaml"), "timeout: 2m\n");
    Files.createDirectories(baseDir.resolve("ci"));
    Files.writeString(baseDir.resolve("ci/tight.yaml"), "timeout: 10s\npids: 32\n");
    ExecMojo mojo = new ExecMojo(null, null);
    mojo.policy = new File("sandbox-policy.yaml"); // POM
    mojo.pids = "48"; // POM
    Properties commandLine = new Properties();
    commandLine.setProperty(PropertyNames.POLICY, "ci/tight.yaml");

    SandboxPolicy policy = effective(mojo, commandLine);

    assertEquals(Duration.ofSeconds(10), policy.timeout());
    assertEquals(48, policy.pids());
    assertEquals(Optional.of(baseDir.resolve("ci/tight.yaml")), policy.file());
  }

  @Test
  void inAReactorTheRootsFileAndTheRootsRelativePathsServeEveryModule() throws Exception {
    Path module = Files.createDirectories(baseDir.resolve("module"));
    Files.writeString(baseDir.resolve("sandbox-policy.yaml"), "pids: 33\n");
    Files.createDirectories(baseDir.resolve("ci"));
    Files.writeString(baseDir.resolve("ci/tight.yaml"), "pids: 22\n");
    DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setBaseDirectory(baseDir.toFile());
    MavenSession reactor = new MavenSession(null, null, request, new DefaultMavenExecutionResult());

    ExecMojo byName = new ExecMojo(null, reactor);
    byName.applyCommandLine(new CommandLineOverrides(new Properties()));
    assertEquals(33, byName.policy(module).pids());

    ExecMojo byPath = new ExecMojo(null, reactor);
    Properties commandLine = new Properties();
    commandLine.setProperty(PropertyNames.POLICY, "ci/tight.yaml");
    byPath.applyCommandLine(new CommandLineOverrides(commandLine));
    assertEquals(22, byPath.policy(module).pids());
  }

  @Test
  void withoutAFileTheDefaultsApply() {
    SandboxPolicy policy = effective(new ExecMojo(null, null), new Properties());

    assertEquals(Optional.empty(), policy.file());
    assertEquals(SandboxPolicy.builder().build().timeout(), policy.timeout());
  }

  @Test
  void aBadFileIsReportedWithItsLineAndColumn() throws Exception {
    Files.writeString(baseDir.resolve("sandbox-policy.yaml"), "timeout: 1m\nmemory: lots\n");

    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> effective(new ExecMojo(null, null), new Properties()));
    // The place and the setting, never the file's own text (it could be any file a link pointed at).
    assertTrue(e.getMessage().startsWith(baseDir.resolve("sandbox-policy.yaml") + ":2:9: memory = … is not a size"),
        e.getMessage());
    assertFalse(e.getMessage().contains("lots"), e.getMessage());
  }

  @Test
  void aMissingNamedFileIsAnError() {
    Properties commandLine = new Properties();
    commandLine.setProperty(PropertyNames.POLICY, "nope.yaml");

    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> effective(new ExecMojo(null, null), commandLine));
    assertTrue(e.getMessage().startsWith("policy file " + baseDir.resolve("nope.yaml") + " does not exist"),
        e.getMessage());
  }

  @Test
  void aBadPomValueStillNamesItsProperty() throws Exception {
    Files.writeString(baseDir.resolve("sandbox-policy.yaml"), "memory: 1g\n");
    ExecMojo mojo = new ExecMojo(null, null);
    mojo.memory = "lots";

    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> effective(mojo, new Properties()));
    assertTrue(e.getMessage().startsWith("sandbox.memory = 'lots'"), e.getMessage());
  }
}
