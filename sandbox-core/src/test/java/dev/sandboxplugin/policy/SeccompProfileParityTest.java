package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our profiles are no weaker than Docker's own default profile anywhere, rule by rule: for a container with no
 * capabilities on x86-64 or arm64, every system call Docker refuses we refuse, and every call Docker allows only
 * for some arguments we allow for the same arguments at most. Docker's profile comes from
 * {@code scripts/docker-default-seccomp} (the engine compiles it in); CI runs that script, so there a missing file
 * fails instead of skipping.
 */
class SeccompProfileParityTest {

  private static final Path DOCKER_DEFAULT = Path.of("..", "target", "docker-seccomp", "default.json");
  // Names the kernel knows besides those in either profile: a call neither names is allowed by no allowlist.
  private static final List<Path> KERNEL_TABLES = List.of(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"),
      Path.of("/usr/include/asm-generic/unistd.h"));
  private static final Set<String> OUR_ARCHES = Set.of("amd64", "x86_64", "arm64", "aarch64");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a profile does with one system call, for a container without capabilities. */
  private record Decision(boolean always, Set<String> allowedArguments) {

    static final Decision REFUSED = new Decision(false, Set.of());

    boolean refused() {
      return !always && allowedArguments.isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "strict"})
  void refusesEverythingDockersDefaultRefuses(String profileName) throws IOException {
    JsonNode docker = dockerDefault();
    JsonNode ours = JSON.readTree(SeccompProfile.resolve(profileName, Path.of(".")).json());
    Set<String> names = new TreeSet<>();
    names.addAll(namesIn(docker));
    names.addAll(namesIn(ours));
    names.addAll(kernelNames());

    List<String> weaker = new ArrayList<>();
    for (String name : names) {
      Decision theirs = decide(docker, name);
      Decision mine = decide(ours, name);
      if (mine.refused() || theirs.always) {
        continue;
      }
      if (mine.always || !theirs.allowedArguments.containsAll(mine.allowedArguments)) {
        weaker.add(name + ": Docker " + (theirs.refused() ? "refuses it" : "allows only " + theirs.allowedArguments)
            + ", " + profileName + " allows " + (mine.always ? "it" : mine.allowedArguments));
      }
    }
    assertEquals(List.of(), weaker, "system calls " + profileName + ".json allows beyond Docker's default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "strict"})
  void refusesTheAddressFamiliesASandboxWithoutNetworkCannotUse(String profileName) throws IOException {
    Decision socket = decide(JSON.readTree(SeccompProfile.resolve(profileName, Path.of(".")).json()), "socket");
    // AF_UNIX, AF_INET, AF_INET6 (loopback and the egress proxy), AF_NETLINK (libc asks it for addresses); not
    // AF_VSOCK (40), where a VM-based runner's host agents listen outside any network namespace.
    assertEquals(Set.of(arg(0, 1, 0, "SCMP_CMP_EQ"), arg(0, 2, 0, "SCMP_CMP_EQ"), arg(0, 10, 0, "SCMP_CMP_EQ"),
        arg(0, 16, 0, "SCMP_CMP_EQ")), socket.allowedArguments);
    assertTrue(!socket.always);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "strict"})
  void refusesRunningAProgramFromMemory(String profileName) throws IOException {
    JsonNode ours = JSON.readTree(SeccompProfile.resolve(profileName, Path.of(".")).json());
    for (String name : List.of("memfd_create", "execveat", "memfd_secret")) {
      assertTrue(decide(ours, name).refused(), name + " is allowed by " + profileName);
    }
  }

  private static JsonNode dockerDefault() throws IOException {
    if (!Files.isRegularFile(DOCKER_DEFAULT)) {
      String why = DOCKER_DEFAULT + " is missing: run scripts/docker-default-seccomp";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return JSON.readTree(DOCKER_DEFAULT.toFile());
  }

  /**
   * Follows the engine's rules: a rule counts when its includes match (no capabilities, our architectures) and its
   * excludes do not; the first matching action by name is what the filter does, argument rules add allowed cases.
   */
  private static Decision decide(JsonNode profile, String name) {
    boolean defaultAllows = profile.path("defaultAction").asText().equals("SCMP_ACT_ALLOW");
    boolean listed = false;
    boolean always = false;
    boolean refusedOutright = false;
    Set<String> arguments = new HashSet<>();
    for (JsonNode rule : profile.path("syscalls")) {
      if (!applies(rule) || !contains(rule.path("names"), name)) {
        continue;
      }
      listed = true;
      boolean allows = rule.path("action").asText().equals("SCMP_ACT_ALLOW");
      boolean conditional = rule.path("args").size() > 0;
      if (allows && !conditional) {
        always = true;
      } else if (allows) {
        arguments.add(arguments(rule.path("args")));
      } else if (!conditional) {
        refusedOutright = true;
      } else if (defaultAllows) {
        // A refusal for some arguments under an allow-by-default profile: the rest is allowed. Our default
        // profile no longer works this way; say it as "allowed for everything else", which is weaker than any list.
        always = true;
      }
    }
    if (refusedOutright) {
      return Decision.REFUSED;
    }
    if (!listed) {
      return defaultAllows ? new Decision(true, Set.of()) : Decision.REFUSED;
    }
    return always ? new Decision(true, Set.of()) : new Decision(false, arguments);
  }

  private static boolean applies(JsonNode rule) {
    JsonNode includes = rule.path("includes");
    JsonNode excludes = rule.path("excludes");
    if (includes.path("caps").size() > 0) {
      return false; // every capability is dropped
    }
    if (includes.path("arches").size() > 0 && !anyOf(includes.path("arches"), OUR_ARCHES)) {
      return false;
    }
    return !(excludes.path("arches").size() > 0 && anyOf(excludes.path("arches"), OUR_ARCHES));
  }

  private static String arguments(JsonNode args) {
    List<String> each = new ArrayList<>();
    for (JsonNode arg : args) {
      each.add(arg(arg.path("index").asInt(), arg.path("value").asLong(), arg.path("valueTwo").asLong(),
          arg.path("op").asText()));
    }
    return String.join(" && ", each);
  }

  private static String arg(int index, long value, long valueTwo, String op) {
    return "arg" + index + " " + op + " " + value + "/" + valueTwo;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyOf(JsonNode array, Set<String> values) {
    for (JsonNode item : array) {
      if (values.contains(item.asText())) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> namesIn(JsonNode profile) {
    Set<String> names = new HashSet<>();
    for (JsonNode rule : profile.path("syscalls")) {
      rule.path("names").forEach(name -> names.add(name.asText()));
    }
    return names;
  }

  private static Set<String> kernelNames() throws IOException {
    Set<String> names = new HashSet<>();
    Pattern define = Pattern.compile("#define __NR(?:3264)?_([a-z0-9_]+)\\s+\\d+");
    for (Path table : KERNEL_TABLES) {
      if (Files.isRegularFile(table)) {
        Matcher matcher = define.matcher(Files.readString(table));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    }
    return names;
  }
}
