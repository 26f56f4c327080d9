package dev.sandboxplugin.agentprobe;

import dev.sandboxplugin.agent.Attribution;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@code JdkHooksTest} in a JVM of its own with the runner jar as agent: acts as a test would, on the host,
 * with nothing that leaves a trace (a write into a folder that does not exist, a read, /bin/true), then prints what
 * the agent recorded and which mechanism saw it, and exits through System.exit.
 */
public final class HookProbe {

  public static void main(String[] args) throws Exception {
    Attribution.arm();
    Attribution.testStarted("probe.HookProbe#acts");
    try (FileOutputStream planted = new FileOutputStream(args[0] + "/planted.txt")) {
      planted.write(1);
    } catch (IOException expected) {
      // The folder does not exist: the attempt is what counts.
    }
    try {
      Files.readAllBytes(Path.of("/proc/1/environ"));
    } catch (IOException expected) {
      // Read or refused, the attempt is what counts; nothing of it is printed.
    }
    try {
      Files.writeString(Path.of(args[0], "nio.txt"), "x");
    } catch (IOException expected) {
      // As above.
    }
    // Looking counts where it matters: whether root's key is there, what root's home holds.
    new java.io.File("/root/.ssh/id_rsa").exists();
    Files.exists(Path.of("/etc/shadow"));
    try {
      Files.copy(Path.of("/etc/hostname"), Path.of(args[0], "copied"));
    } catch (IOException expected) {
      // As above.
    }
    // Changing files without opening them: all in the folder that does not exist, so all of them fail.
    new java.io.File(args[0], "made").mkdir();
    try {
      new java.io.File(args[0], "created").createNewFile();
    } catch (IOException expected) {
      // As above.
    }
    new java.io.File(args[0], "writable").setWritable(true, false);
    new java.io.File(args[0], "touched").setLastModified(0);
    try {
      Files.setPosixFilePermissions(Path.of(args[0], "mode"), java.util.Set.of());
    } catch (IOException expected) {
      // As above.
    }
    try {
      Files.setLastModifiedTime(Path.of(args[0], "time"), java.nio.file.attribute.FileTime.fromMillis(0));
    } catch (IOException expected) {
      // As above.
    }
    new ProcessBuilder("/bin/true").start().waitFor();
    for (Attribution.Attempt attempt : Attribution.attempts()) {
      System.out.println("attempt: " + attempt.kind() + " " + attempt.detail() + " in " + attempt.test() + " at "
          + attempt.stack().get(0));
    }
    System.out.println("security manager: " + System.getSecurityManager());
    try {
      System.out.println("hooks class: " + (Class.forName("java.lang.SandboxAgentHooks", false, null) != null));
    } catch (ClassNotFoundException notInstalled) {
      System.out.println("hooks class: false");
    }
    System.exit(0);
  }
}
