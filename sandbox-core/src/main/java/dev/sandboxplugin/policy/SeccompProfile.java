package dev.sandboxplugin.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A seccomp profile in Docker's JSON format: one shipped in {@code seccomp-profiles/} (by name) or a user's file.
 * The engine gets it inline ({@code seccomp=<json>}): the API, unlike the CLI, does not read files.
 */
public final class SeccompProfile {

  private static final String BUNDLED_FOLDER = "/dev/sandboxplugin/seccomp/";
  private static final Pattern BUNDLED_NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String json;

  private SeccompProfile(String name, String json) {
    this.name = name;
    this.json = json;
  }

  /** The profile most payloads should run under. */
  public static SeccompProfile defaultProfile() {
    return resolve("default", Path.of("."));
  }

  /**
   * A bundled profile by name ({@code default}, {@code strict}) or a file path, relative paths against {@code baseDir}.
   *
   * @throws InvalidPolicyException when there is no such profile or it is not a valid profile
   */
  public static SeccompProfile resolve(String nameOrPath, Path baseDir) {
    String setting = "seccomp profile";
    if (BUNDLED_NAME.matcher(nameOrPath).matches() && !Files.isRegularFile(baseDir.resolve(nameOrPath))) {
      try (InputStream in = SeccompProfile.class.getResourceAsStream(BUNDLED_FOLDER + nameOrPath + ".json")) {
        if (in == null) {
          throw new InvalidPolicyException(setting + " '" + nameOrPath
              + "' is not a bundled profile (bundled: default, strict) nor a file; give a path to a .json file");
        }
        return new SeccompProfile(nameOrPath, validated(nameOrPath, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the bundled seccomp profile " + nameOrPath, e);
      }
    }
    Path file = baseDir.resolve(nameOrPath).normalize();
    if (!Files.isRegularFile(file)) {
      throw new InvalidPolicyException(setting + " file '" + file + "' does not exist; give a JSON profile in Docker's format");
    }
    try {
      return new SeccompProfile(file.toString(), validated(file.toString(), Files.readString(file)));
    } catch (IOException e) {
      throw new InvalidPolicyException(setting + " file '" + file + "' cannot be read: " + e.getMessage());
    }
  }

  private static String validated(String source, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException("seccomp profile '" + source + "' is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("defaultAction").isTextual()) {
      throw new InvalidPolicyException("seccomp profile '" + source
          + "' has no \"defaultAction\": it must be a profile in Docker's seccomp JSON format");
    }
    if (allowsEverything(root)) {
      throw new InvalidPolicyException("seccomp profile '" + source
          + "' allows every system call; an unconfined sandbox is not offered");
    }
    // Compact: the engine takes it as one security option string.
    return root.toString();
  }

  // A default that lets calls through, and no rule that refuses anything: no filter at all.
  private static boolean allowsEverything(JsonNode root) {
    String defaultAction = root.path("defaultAction").asText();
    if (!defaultAction.equals("SCMP_ACT_ALLOW") && !defaultAction.equals("SCMP_ACT_LOG")) {
      return false;
    }
    for (JsonNode rule : root.path("syscalls")) {
      String action = rule.path("action").asText();
      if (!action.equals("SCMP_ACT_ALLOW") && !action.equals("SCMP_ACT_LOG")) {
        return false;
      }
    }
    return true;
  }

  /** The bundled name or the file it came from. */
  public String name() {
    return name;
  }

  /** The profile as compact JSON, as the engine expects it inline. */
  public String json() {
    return json;
  }

  /** sha256 of the compact JSON, so a report names exactly which profile applied. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
