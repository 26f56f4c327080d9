package dev.sandboxplugin.payload;

import java.util.List;

/** JVM flags every sandboxed JVM starts with. */
final class JvmOptions {

  /** Where the image builder puts the preflight launcher of every JVM payload. */
  static final String LAUNCHER_CLASSPATH = "/app/launcher";
  static final String LAUNCHER_CLASS = "dev.sandboxplugin.preflight.Preflight";

  private JvmOptions() {}

  static List<String> sandboxed() {
    return List.of(
        // Size the heap from the container's memory limit, leaving room for metaspace and threads.
        "-XX:MaxRAMPercentage=75",
        // Exit at the first OutOfMemoryError instead of limping on; the verdict reads the message.
        "-XX:+ExitOnOutOfMemoryError",
        // Fewer GC and compiler threads: each counts against the pids limit.
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:CICompilerCount=1",
        "-Xshare:auto",
        // No hsperfdata file in /tmp: saves start time and a writable file nobody reads.
        "-XX:-UsePerfData",
        "-Djava.io.tmpdir=/tmp",
        "-Duser.home=/tmp");
  }
}
