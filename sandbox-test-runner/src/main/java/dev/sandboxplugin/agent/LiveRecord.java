package dev.sandboxplugin.agent;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Records that leave the JVM as they happen: each attempt the agent sees and each test result the runner gets is
 * one line on the container's stdout, which the host reads live. What a test erases or rewrites inside afterwards
 * (the attempts file, its report) no longer changes what the host knows. Lines are
 * {@code [sandbox-record] <token> <json>}, the token the host's ({@code SANDBOX_RECORDS_TOKEN}), each written
 * whole in one write, under 8000 bytes (the host splits longer lines). java.base only.
 */
public final class LiveRecord {

  public static final String PREFIX = "[sandbox-record] ";
  static final String TOKEN_VARIABLE = "SANDBOX_RECORDS_TOKEN";
  static final int MAX_LINE_BYTES = 8000;

  private static volatile OutputStream out;
  private static volatile String token;

  private LiveRecord() {}

  /** Starts sending when the host asked for records (its token is in the environment); else does nothing. */
  static synchronized void open() {
    String given = System.getenv(TOKEN_VARIABLE);
    if (out != null || given == null || given.isBlank()) {
      return;
    }
    token = given;
    // The real stdout, not System.out, which a test may replace.
    out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), MAX_LINE_BYTES + 256);
  }

  public static boolean sending() {
    return out != null;
  }

  /** Sends one JSON object; false when it was too long to send whole (the caller may send a shorter one). */
  public static boolean send(String json) {
    OutputStream stream = out;
    if (stream == null) {
      return true;
    }
    byte[] line = (PREFIX + token + " " + json + "\n").getBytes(StandardCharsets.UTF_8);
    if (line.length > MAX_LINE_BYTES) {
      return false;
    }
    synchronized (LiveRecord.class) {
      try {
        stream.write(line);
        stream.flush();
      } catch (IOException gone) {
        // stdout closed: the host has stopped listening, nothing to tell it
      }
    }
    return true;
  }
}
