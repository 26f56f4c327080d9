package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve(PolicyFile.DEFAULT_NAME);
  }

  private SandboxPolicy parse(String yaml) {
    return PolicyFile.parse(yaml, file());
  }

  private PolicyFileException problems(String yaml) {
    return assertThrows(PolicyFileException.class, () -> parse(yaml));
  }

  private void assertProblem(String yaml, int line, int column, String message) {
    PolicyFileException e = problems(yaml);
    assertEquals(List.of(new PolicyFileException.Problem(line, column, message)), e.problems(), e.getMessage());
    assertEquals(file() + ":" + line + ":" + column + ": " + message, e.getMessage());
  }

  @Test
  void everySettingBecomesATypedValue() {
    SandboxPolicy policy = parse("""
        version: 1
        memory: 256m
        cpus: 0.5
        pids: 64
        openFiles: 512
        processes: 256
        tmpfsSize: 32m
        timeout: 2m
        outputLimit: 512k
        env: [LANG, TZ]
        seccompProfile: strict
        mode: audit
        network: allowlist
        allow:
          - repo.example.org
          - "*.example.com:443"
        writablePaths:
          - /app/out
          - path: /app/cache
            size: 16m
        """);

    assertEquals(MemorySize.ofMegabytes(256), policy.memory());
    assertEquals(0.5, policy.cpus());
    assertEquals(64, policy.pids());
    assertEquals(512, policy.openFiles());
    assertEquals(256, policy.processes());
    assertEquals(MemorySize.ofMegabytes(32), policy.tmpfsSize());
    assertEquals(Duration.ofMinutes(2), policy.timeout());
    assertEquals(MemorySize.ofBytes(512 * 1024), policy.outputLimit());
    assertEquals(List.of("LANG", "TZ"), policy.envAllowlist());
    assertEquals("strict", policy.seccompProfile().name());
    assertEquals(EnforcementMode.AUDIT, policy.mode());
    assertEquals(NetworkPolicy.of("allowlist", List.of("repo.example.org", "*.example.com:443")), policy.network());
    assertEquals(List.of(new WritablePath("/app/out", WritablePath.DEFAULT_SIZE),
        new WritablePath("/app/cache", MemorySize.ofMegabytes(16))), policy.writablePaths());
    assertEquals(Optional.of(file()), policy.file());
  }

  @Test
  void scanRulesAndScriptFolders() {
    SandboxPolicy policy = parse("""
        scan:
          defaultRules: false
          rules:
            - {name: acme-bot, field: author, pattern: '^acme-ai\\[bot\\]'}
          scripts: [ci, tools]
        """);
    assertEquals(false, policy.scan().defaultRules());
    assertEquals(List.of("acme-bot"), policy.scan().rules().stream().map(rule -> rule.name()).toList());
    assertEquals(List.of("ci", "tools"), policy.scan().scriptFolders());
    assertEquals(dev.sandboxplugin.policy.ScanSettings.unset(), parse("memory: 256m\n").scan());

    PolicyFileException e = problems("""
        scan:
          rules:
            - {name: x, field: subject, pattern: a}
            - {name: y, field: author, pattern: '('}
          colour: blue
        """);
    assertEquals(List.of(3, 4, 5), e.problems().stream().map(PolicyFileException.Problem::line).toList(), e.getMessage());
  }

  @Test
  void theProxyNetworkAndTheRuntime() {
    SandboxPolicy policy = parse("""
        network: allowlist
        allow: [repo.example.org]
        proxyNetwork: ci-services
        runtime: runsc
        """);
    assertEquals("ci-services", policy.network().proxyNetwork());
    assertEquals("runsc", policy.runtime());
    assertProblem("proxyNetwork: ci-services\n", 1, 1,
        "proxyNetwork = … needs network = allowlist; with network = none there is no proxy");
    assertProblem("runtime: 'run sc'\n", 1, 10, "runtime = … is not a runtime name; use one the engine registered, e.g. runsc (docker info lists them)");
  }

  @Test
  void unsetKeysKeepTheDefaultsAndAnEmptyFileIsAllDefaults() {
    SandboxPolicy defaults = SandboxPolicy.builder().build();
    SandboxPolicy partial = parse("timeout: 30s\n");
    SandboxPolicy empty = parse("# nothing yet\n");

    assertEquals(Duration.ofSeconds(30), partial.timeout());
    assertEquals(defaults.memory(), partial.memory());
    assertEquals(PolicyFingerprint.canonicalJson(defaults), PolicyFingerprint.canonicalJson(empty));
  }

  @Test
  void aSeccompProfileFileIsRelativeToThePolicyFile() throws Exception {
    Files.createDirectories(dir.resolve("seccomp"));
    Files.writeString(dir.resolve("seccomp/mine.json"), "{\"defaultAction\": \"SCMP_ACT_ERRNO\"}");

    SandboxPolicy policy = parse("seccompProfile: seccomp/mine.json\n");

    assertEquals(dir.resolve("seccomp/mine.json").toString(), policy.seccompProfile().name());
  }

  @Test
  void unknownKeyNamesTheKnownOnesAndSuggestsTheNearest() {
    assertProblem("timeout: 1m\nmemroy: 1g\n", 2, 1, "unknown key … (did you mean 'memory'?); known keys: "
        + "version, memory, cpus, pids, openFiles, processes, tmpfsSize, timeout, outputLimit, env, seccompProfile,"
        + " mode, network, allow, proxyNetwork, runtime, writablePaths, scan");
  }

  @Test
  void badSizeIsPlacedAtItsValue() {
    assertProblem("memory: lots\n", 1, 9,
        "memory = … is not a size: write a number with k, m or g, e.g. 128m or 1g");
  }

  @Test
  void sizeBelowTheEngineMinimum() {
    assertProblem("memory: 4k\n", 1, 9, "memory = 4k is below the engine's minimum of 6m");
  }

  @Test
  void badDurationIsPlacedAtItsValue() {
    assertProblem("version: 1\ntimeout:   soon\n", 2, 12, "timeout = … is not a duration: write e.g. 30s, 5m or 1h");
  }

  @Test
  void badNumbers() {
    PolicyFileException e = problems("cpus: many\npids: -3\nopenFiles: 1.5\n");
    assertEquals(List.of(
        new PolicyFileException.Problem(1, 7, "cpus = … is not a number above 0, e.g. 0.5 or 2"),
        new PolicyFileException.Problem(2, 7, "pids = -3 must be a whole number above 0"),
        new PolicyFileException.Problem(3, 12, "openFiles = … is not a whole number above 0, e.g. 128")),
        e.problems());
    assertTrue(e.getMessage().startsWith("policy file " + file() + " has 3 problems:\n  " + file() + ":1:7: "),
        e.getMessage());
  }

  @Test
  void badHostPatternIsPlacedAtItsListEntry() {
    assertProblem("""
        network: allowlist
        allow:
          - repo.example.org
          - 10.0.0.1
        """, 4, 5, "allow = … is an IP address; allow host names only, the proxy decides before resolving;"
        + " write a host name such as repo.example.org or *.example.com, optionally with :port");
  }

  @Test
  void allowWithoutAllowlistIsPlacedAtAllow() {
    assertProblem("allow: [repo.example.org]\n", 1, 1,
        "allow = [repo.example.org] needs network = allowlist; with network = none nothing is reachable");
  }

  @Test
  void allowlistWithoutHostsIsPlacedAtNetwork() {
    assertProblem("mode: audit\nnetwork: allowlist\n", 2, 1, "network = allowlist needs at least one allow entry,"
        + " e.g. repo.example.org; or use network = none");
  }

  @Test
  void unknownNetworkMode() {
    assertProblem("network: open\n", 1, 1, "network = … is not a network mode; use none or allowlist");
  }

  @Test
  void badModeAndVersion() {
    PolicyFileException e = problems("version: 2\nmode: lenient\n");
    assertEquals(List.of(
        new PolicyFileException.Problem(1, 10, "version = … is not supported; this plugin reads version 1"),
        new PolicyFileException.Problem(2, 7, "mode = … is not a mode; use enforce or audit")),
        e.problems());
  }

  @Test
  void badEnvironmentNameIsPlacedAtItsEntry() {
    assertProblem("env:\n  - LANG\n  - MY-TOKEN\n", 3, 5, "env = … is not an environment variable name;"
        + " list names only, e.g. LANG,TZ (values come from the host)");
  }

  @Test
  void aListWhereOneValueBelongsAndTheOtherWayRound() {
    PolicyFileException e = problems("memory: [1g]\nenv: LANG\n");
    assertEquals(List.of(
        new PolicyFileException.Problem(1, 9, "memory takes a single value, found a list"),
        new PolicyFileException.Problem(2, 6, "env takes a list, e.g. [a, b] or one '- item' per line;"
            + " found a single value")),
        e.problems());
  }

  @Test
  void aKeyWithoutValue() {
    assertProblem("timeout:\n", 1, 9, "timeout has no value; give one or remove the key");
  }

  @Test
  void aNetworkWithoutValueIsOneProblem() {
    assertProblem("network:\nallow: [repo.example.org]\n", 1, 9, "network has no value; give one or remove the key");
  }

  @Test
  void aKeySetTwice() {
    assertProblem("timeout: 1m\nmemory: 1g\ntimeout: 2m\n", 3, 1, "'timeout' is set twice (first at line 1); set it once");
  }

  @Test
  void missingSeccompProfile() {
    PolicyFileException e = problems("seccompProfile: nope.json\n");
    assertEquals(1, e.problems().get(0).line());
    assertEquals(17, e.problems().get(0).column());
    assertTrue(e.problems().get(0).message().contains("seccomp profile file … does not exist"), e.getMessage());
  }

  @Test
  void badWritablePaths() {
    PolicyFileException e = problems("""
        writablePaths:
          - relative/out
          - /proc/sys
          - path: /app/data
            size: huge
          - path: /app
          - {size: 1m}
          - {path: /app/x, mode: 777}
          - [/app/y]
        """);
    assertEquals(List.of(
        new PolicyFileException.Problem(2, 5,
            "writablePaths = … is not an absolute path; write one such as /app/out"),
        new PolicyFileException.Problem(3, 5,
            "writablePaths = … is under /proc, which the engine manages; pick another folder, e.g. /app/out"),
        new PolicyFileException.Problem(5, 11, "writablePaths.size = … is not a size: write a number with k, m"
            + " or g, e.g. 128m or 1g"),
        new PolicyFileException.Problem(6, 11, "writablePaths = … would hide /app, which the payload needs to"
            + " run; pick a folder below it, e.g. /app/out"),
        new PolicyFileException.Problem(7, 5, "writablePaths entry has no path; write {path: /app/out, size: 16m}"),
        new PolicyFileException.Problem(8, 20, "unknown key 'mode' in a writablePaths entry; known keys: path, size"),
        new PolicyFileException.Problem(9, 5, "writablePaths entries are a path (/app/out) or"
            + " {path: /app/out, size: 16m}, found a list")),
        e.problems(), e.getMessage());
  }

  @Test
  void aPathListedTwice() {
    assertProblem("writablePaths: [/app/out, /app/out/]\n", 1, 16,
        "writablePaths = … is listed twice; list it once");
  }

  @Test
  void brokenYamlGivesTheParsersPlace() {
    PolicyFileException e = problems("memory: 1g\ntimeout: [1m\n");
    assertEquals(1, e.problems().size());
    assertEquals(3, e.problems().get(0).line(), e.getMessage());
    assertEquals("not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence)",
        e.problems().get(0).message());
  }

  @Test
  void theRootMustBeAMapping() {
    assertProblem("- memory: 1g\n", 1, 1, "the policy file must be a mapping of settings (key: value), found a list");
  }

  @Test
  void aSecondDocumentIsRefused() {
    assertProblem("memory: 1g\n---\nmemory: 2g\n", 3, 1, "a second YAML document ('---'); a policy file has one");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'p'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      }
      yaml.append("]\n");
    }
    PolicyFileException e = problems(yaml.toString());
    assertTrue(e.getMessage().contains("not valid YAML") || e.getMessage().contains("unknown key"), e.getMessage());
  }

  @Test
  void locateTakesTheExplicitFileElseTheFirstFolderThatHasOne() throws Exception {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(file(), "timeout: 1m\n");

    assertEquals(Optional.of(file()), PolicyFile.locate(null, List.of(module, dir)));
    assertEquals(Optional.empty(), PolicyFile.locate(null, List.of(module)));
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> PolicyFile.locate(module.resolve("missing.yaml"), List.of(dir)));
    assertEquals("policy file " + module.resolve("missing.yaml") + " does not exist; give the path of a"
        + " sandbox-policy.yaml or leave it unset to use the defaults", e.getMessage());
  }

  @Test
  void loadReadsTheFile() throws Exception {
    Files.writeString(file(), "timeout: 45s\n");
    assertEquals(Duration.ofSeconds(45), PolicyFile.load(file()).timeout());
  }

  @Test
  void loadRefusesWhatIsNotUtf8() throws Exception {
    Files.write(file(), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> PolicyFile.load(file()));
    assertEquals("policy file " + file() + " is not UTF-8 text", e.getMessage());
  }
}
