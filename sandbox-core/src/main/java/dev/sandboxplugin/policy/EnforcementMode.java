package dev.sandboxplugin.policy;

import java.util.Locale;

/** What a breach does to the build: fail it ({@link #ENFORCE}), or only be recorded and warned about. */
public enum EnforcementMode {
  /** Violations give verdict VIOLATION and fail the build. */
  ENFORCE,
  /** Violations are recorded in the reports and logged as warnings; the kernel still blocks them. */
  AUDIT;

  /** Parses {@code enforce} or {@code audit}, in any case. */
  public static EnforcementMode parse(String text) {
    String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (trimmed) {
      case "enforce" -> ENFORCE;
      case "audit" -> AUDIT;
      default -> throw new InvalidPolicyException("mode = '" + text + "' is not a mode; use enforce or audit");
    };
  }

  /** The name as users write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
