package dev.sandboxplugin.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an effective policy: its canonical JSON and that JSON's sha256, so a report names exactly the
 * policy that applied. Canonical means the same policy gives the same bytes however it was spelled or where it came
 * from: sorted keys, no blanks, sizes in bytes, durations in milliseconds, sets sorted, the seccomp profile by its
 * own sha256 (not by its name or path), and the policy file's location left out.
 */
public final class PolicyFingerprint {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private PolicyFingerprint() {}

  /** Compact JSON with sorted keys; stable across runs, machines and spellings of the same values. */
  public static String canonicalJson(SandboxPolicy policy) {
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("memoryBytes", policy.memory().bytes());
    canonical.put("cpus", policy.cpus());
    canonical.put("pids", policy.pids());
    canonical.put("openFiles", policy.openFiles());
    canonical.put("processes", policy.processes());
    canonical.put("tmpfsSizeBytes", policy.tmpfsSize().bytes());
    canonical.put("timeoutMs", policy.timeout().toMillis());
    canonical.put("outputLimitBytes", policy.outputLimit().bytes());
    canonical.put("env", policy.envAllowlist().stream().sorted().distinct().toList());
    canonical.put("seccompSha256", policy.seccompProfile().sha256());
    canonical.put("network", policy.network().mode().label());
    canonical.put("allow", policy.network().allow().stream().map(Object::toString).sorted().distinct().toList());
    canonical.put("mode", policy.mode().label());
    List<Map<String, Object>> writable = policy.writablePaths().stream()
        .sorted(Comparator.comparing(WritablePath::path))
        .map(path -> Map.<String, Object>of("path", path.path(), "sizeBytes", path.size().bytes())).toList();
    canonical.put("writablePaths", writable);
    try {
      return JSON.writeValueAsString(canonical);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** {@code sha256:} and the hex digest of {@link #canonicalJson}. */
  public static String sha256(SandboxPolicy policy) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonicalJson(policy).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
