package dev.sandboxplugin.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;

/**
 * What an engine said when it refused a request, as one short line: docker-java gives {@code Status 500: {"cause":
 * ...,"message":"..."}} with a newline, and an engine may echo the whole request back (Podman quotes a seccomp profile
 * it could not open). Known refusals get what to do.
 */
public final class EngineMessage {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MOST = 400;

  private EngineMessage() {}

  /** The engine's own message of {@code failure}, cut to a line, with advice where we know the cause. */
  public static String of(RuntimeException failure) {
    String text = String.valueOf(failure.getMessage()).strip();
    if (failure instanceof DockerException docker) {
      text = "status " + docker.getHttpStatus() + ": " + engineText(text);
    }
    text = text.replaceAll("\\s+", " ");
    if (text.length() > MOST) {
      text = text.substring(0, MOST) + "…";
    }
    if (text.contains("catatonit")) {
      text += " (Podman's init is missing: install it, e.g. apt-get install catatonit)";
    }
    return text;
  }

  // "Status 500: {json}" from docker-java; the JSON's "message" is the engine's sentence.
  private static String engineText(String message) {
    int brace = message.indexOf('{');
    if (brace >= 0) {
      try {
        JsonNode body = JSON.readTree(message.substring(brace));
        if (body.path("message").isTextual()) {
          return body.path("message").asText();
        }
      } catch (IOException notJson) {
        // Not the engine's JSON: the text as it came.
      }
    }
    return message.replaceFirst("^Status \\d+: ", "");
  }
}
