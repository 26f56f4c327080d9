package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sandboxplugin.image.BaseImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input for every {@code -Dsandbox.*} value: each must give a valid setting or one clear error that
 * names the property, never another exception (which Maven would show as a stack trace) and never a hang.
 */
class SettingsFuzzTest {

  private static final List<String> HOSTILE = List.of("", " ", "-1", "0", "+5", "1e309", "NaN", "Infinity", "-0",
      "0x10", "9".repeat(40), "1.5.5", "12mb", "12 m", "m", "1m1", "²", "١٢٣", "1_000", "5m ", "\t7\n", "%s%n",
      "${user.home}", "../../etc/passwd", "/dev/zero", "\u0000", "\u001b[2J", "a,b,,c", "1,5", "2147483648",
      "-2147483648", "9223372036854775807", "9223372036854775808k", "8e", "1ee", "1P", "1y", "1d24h", "PT5M",
      "P1D", "true", "null", "docker://", "tar://", "docker://x y", "http://evil", "audit ", "ENFORCE", "warn");

  @TempDir
  Path baseDir;

  @Test
  void everyValueIsAcceptedOrRefusedWithItsName() {
    Random random = new Random(42);
    List<String> values = new ArrayList<>(HOSTILE);
    for (int i = 0; i < 300; i++) {
      values.add(randomValue(random));
    }
    Map<String, BiConsumer<PolicyFromParameters, String>> settings = Map.of(
        PropertyNames.MEMORY, PolicyFromParameters::memory,
        PropertyNames.CPUS, PolicyFromParameters::cpus,
        PropertyNames.PIDS, PolicyFromParameters::pids,
        PropertyNames.OPEN_FILES, PolicyFromParameters::openFiles,
        PropertyNames.PROCESSES, PolicyFromParameters::processes,
        PropertyNames.TMPFS_SIZE, PolicyFromParameters::tmpfsSize,
        PropertyNames.TIMEOUT, PolicyFromParameters::timeout,
        PropertyNames.ENV, PolicyFromParameters::env,
        PropertyNames.OUTPUT_LIMIT, PolicyFromParameters::outputLimit,
        PropertyNames.MODE, PolicyFromParameters::mode);
    int cases = 0;
    for (String value : values) {
      for (Map.Entry<String, BiConsumer<PolicyFromParameters, String>> setting : settings.entrySet()) {
        cases++;
        try {
          setting.getValue().accept(new PolicyFromParameters(baseDir), value);
        } catch (IllegalArgumentException refused) {
          assertTrue(refused.getMessage() != null && refused.getMessage().startsWith(setting.getKey()),
              setting.getKey() + " = '" + value + "' refused without naming the property: " + refused.getMessage());
        } catch (RuntimeException other) {
          fail(setting.getKey() + " = '" + value + "' threw " + other);
        }
      }
      cases++;
      try {
        BaseImage.parse(value, baseDir);
      } catch (IllegalArgumentException refused) {
        assertTrue(refused.getMessage() != null && refused.getMessage().contains("baseImage"),
            "baseImage = '" + value + "': " + refused.getMessage());
      } catch (RuntimeException other) {
        fail("baseImage = '" + value + "' threw " + other);
      }
    }
    assertTrue(cases > 3000, cases + " cases");
  }

  private static String randomValue(Random random) {
    String alphabet = "0123456789.-+ekmgtKMGTsmhdwyb,_ /\\:%$\u00e9\u0000x";
    int length = random.nextInt(12);
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < length; i++) {
      value.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return value.toString();
  }
}
