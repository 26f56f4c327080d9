package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeccompProfileTest {

  @TempDir
  Path dir;

  @Test
  void bundledDefaultResolvesToCompactJsonWithItsHash() {
    SeccompProfile profile = SeccompProfile.resolve("default", dir);

    assertEquals("default", profile.name());
    assertTrue(profile.json().startsWith("{"), profile.json());
    assertFalse(profile.json().contains("\n"), "one line, as the engine takes it inline");
    assertFalse(profile.json().contains("\": "), "no blanks between tokens");
    assertTrue(profile.json().contains("\"defaultAction\":\"SCMP_ACT_ERRNO\""), "allow by name");
    assertTrue(profile.json().contains("\"syscalls\":[{"), profile.json());
    assertTrue(profile.sha256().matches("[0-9a-f]{64}"), profile.sha256());
    assertEquals(sha256(profile.json()), profile.sha256());
  }

  @Test
  void bundledStrictDeniesByDefault() {
    SeccompProfile profile = SeccompProfile.resolve("strict", dir);

    assertEquals("strict", profile.name());
    assertTrue(profile.json().contains("\"defaultAction\":\"SCMP_ACT_ERRNO\""), profile.json());
    assertTrue(profile.json().contains("\"SCMP_ACT_KILL_PROCESS\""), profile.json());
  }

  @Test
  void defaultProfileIsTheBundledDefault() {
    SeccompProfile byName = SeccompProfile.resolve("default", dir);
    SeccompProfile byDefault = SeccompProfile.defaultProfile();

    assertEquals(byName.name(), byDefault.name());
    assertEquals(byName.json(), byDefault.json());
    assertEquals(byName.sha256(), byDefault.sha256());
  }

  @Test
  void unknownBundledNameSaysWhatIsBundled() {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> SeccompProfile.resolve("lenient", dir));
    assertEquals("seccomp profile 'lenient' is not a bundled profile (bundled: default, strict) nor a file;"
        + " give a path to a .json file", e.getMessage());
  }

  @Test
  void missingFileIsNamedWithItsResolvedPath() {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SeccompProfile.resolve("profiles/../missing.json", dir));
    assertEquals("seccomp profile file '" + dir.resolve("missing.json")
        + "' does not exist; give a JSON profile in Docker's format", e.getMessage());
  }

  @Test
  void directoryIsNotAProfileFile() throws IOException {
    Files.createDirectory(dir.resolve("profiles.d"));
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SeccompProfile.resolve("profiles.d", dir));
    assertEquals("seccomp profile file '" + dir.resolve("profiles.d")
        + "' does not exist; give a JSON profile in Docker's format", e.getMessage());
  }

  @Test
  void invalidJsonReportsLineAndColumn() throws IOException {
    Path file = write("broken.json", "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [,]\n}\n");

    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SeccompProfile.resolve("broken.json", dir));

    assertTrue(e.getMessage().startsWith("seccomp profile '" + file + "' is not valid JSON (line 3, column 16): "
        + "Unexpected character (','"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
      "{\"defaultAction\": 1}",
      "[\"SCMP_ACT_ERRNO\"]",
      "\"SCMP_ACT_ERRNO\"",
      ""})
  void profileWithoutDefaultActionIsRejected(String json) throws IOException {
    Path file = write("nodefault.json", json);

    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SeccompProfile.resolve(file.toString(), dir));

    assertEquals("seccomp profile '" + file
        + "' has no \"defaultAction\": it must be a profile in Docker's seccomp JSON format", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"defaultAction\": \"SCMP_ACT_ALLOW\"}",
      "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": []}"})
  void allowAllWithoutSyscallRulesIsRejected(String json) throws IOException {
    Path file = write("unconfined.json", json);

    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SeccompProfile.resolve("unconfined.json", dir));

    assertEquals("seccomp profile '" + file + "' allows every system call; an unconfined sandbox is not offered",
        e.getMessage());
  }

  @Test
  void validUserFileIsCompactedAndNamedByItsPath() throws IOException {
    Path file = write("custom.json", """
        {
          "defaultAction": "SCMP_ACT_ERRNO",
          "syscalls": [
            { "names": ["read", "write"], "action": "SCMP_ACT_ALLOW" }
          ]
        }
        """);
    String compact =
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\",\"write\"],\"action\":\"SCMP_ACT_ALLOW\"}]}";

    SeccompProfile relative = SeccompProfile.resolve("./sub/../custom.json", dir);
    SeccompProfile absolute = SeccompProfile.resolve(file.toString(), Path.of("/nonexistent"));

    assertEquals(file.toString(), relative.name());
    assertEquals(compact, relative.json());
    assertEquals(sha256(compact), relative.sha256());
    assertEquals(file.toString(), absolute.name());
    assertEquals(relative.sha256(), absolute.sha256());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFileNamedLikeABundledProfileIsReadAsTheFile() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("custom"),
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
    assertEquals(dir.resolve("custom").toString(), SeccompProfile.resolve("custom", dir).name());
  }

  @Test
  void aLogOnlyOrAllowOnlyProfileIsRefusedAsUnconfined() throws Exception {
    for (String text : List.of("{\"defaultAction\":\"SCMP_ACT_LOG\"}",
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}")) {
      java.nio.file.Path file = dir.resolve("open.json");
      java.nio.file.Files.writeString(file, text);
      InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> SeccompProfile.resolve(file.toString(), dir));
      assertTrue(e.getMessage().contains("allows every system call"), e.getMessage());
    }
  }

  /** The escape calls the issue names: refused by both bundled profiles, each in the way it declares. */
  private static final List<String> ESCAPE_CALLS = List.of("mount", "umount2", "unshare", "setns", "ptrace", "bpf",
      "keyctl", "add_key", "perf_event_open", "kexec_load", "init_module", "open_by_handle_at", "userfaultfd");

  @ParameterizedTest
  @ValueSource(strings = {"default:SCMP_ACT_ERRNO", "strict:SCMP_ACT_KILL_PROCESS"})
  void bothBundledProfilesRefuseEveryEscapeCall(String profileAndAction) throws Exception {
    String[] parts = profileAndAction.split(":");
    com.fasterxml.jackson.databind.JsonNode profile = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(SeccompProfile.resolve(parts[0], dir).json());
    for (String call : ESCAPE_CALLS) {
      List<String> actions = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode rule : profile.path("syscalls")) {
        for (com.fasterxml.jackson.databind.JsonNode name : rule.path("names")) {
          if (name.asText().equals(call)) {
            actions.add(rule.path("action").asText() + (rule.has("errnoRet") ? " " + rule.path("errnoRet") : ""));
          }
        }
      }
      String expected = parts[1].equals("SCMP_ACT_ERRNO") ? "SCMP_ACT_ERRNO 1" : parts[1];
      assertEquals(List.of(expected), actions, parts[0] + ": " + call);
    }
  }

  @Test
  void strictAllowsNothingThatDefaultRefuses() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Set<String> refusedByDefault = new java.util.TreeSet<>();
    for (com.fasterxml.jackson.databind.JsonNode rule
        : json.readTree(SeccompProfile.resolve("default", dir).json()).path("syscalls")) {
      if (!rule.path("action").asText().equals("SCMP_ACT_ALLOW") && !rule.has("args")) {
        rule.path("names").forEach(name -> refusedByDefault.add(name.asText()));
      }
    }
    java.util.Set<String> allowedByStrict = new java.util.TreeSet<>();
    for (com.fasterxml.jackson.databind.JsonNode rule
        : json.readTree(SeccompProfile.resolve("strict", dir).json()).path("syscalls")) {
      if (rule.path("action").asText().equals("SCMP_ACT_ALLOW")) {
        rule.path("names").forEach(name -> allowedByStrict.add(name.asText()));
      }
    }
    allowedByStrict.retainAll(refusedByDefault);
    assertEquals(java.util.Set.of(), allowedByStrict);
    assertFalse(refusedByDefault.isEmpty());
  }
}
