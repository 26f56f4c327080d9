package dev.sandboxplugin.scan;

import dev.sandboxplugin.policy.AiCommitRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that flag a commit as written by an AI assistant. The defaults cover the markers coding assistants
 * leave: their {@code Co-authored-by:} trailers, the bot accounts of coding agents, and "Generated with ..." lines.
 * Ordinary commits, human co-authors and bots that are not coding agents (Dependabot, Renovate) are not flagged.
 */
public final class AiCommitRules {

  // Co-authored-by names and addresses the assistants write, e.g. "Claude <noreply@anthropic.com>".
  private static final String CO_AUTHOR = "^co-authored-by:\\s*";
  // Bot accounts of coding agents only: a whole name, so "Claude Shannon" or "dependabot[bot]" are not matched.
  private static final String AGENT_BOTS = "^(copilot|copilot-swe-agent|devin-ai-integration|cursor(agent)?|claude"
      + "|claude-code|codex|chatgpt-codex-connector|openai-codex|google-labs-jules|gemini-code-assist|jules"
      + "|sweep-ai|openhands(-agent)?|amazon-q-developer|aider|windsurf|codegen-sh|factory-droid)(\\[bot\\])?\\s*<";
  private static final String TOOLS = "(claude|copilot|codex|chatgpt|openai|cursor|aider|devin|gemini|jules"
      + "|windsurf|codeium|amazon q|openhands|an? ai|ai)\\b";

  private static final List<AiCommitRule> DEFAULTS = List.of(
      AiCommitRule.of("claude", "trailer", CO_AUTHOR + "(claude\\b|.*@anthropic\\.com)"),
      AiCommitRule.of("copilot", "trailer", CO_AUTHOR + "(.*\\bcopilot\\b|.*copilot@github\\.com)"),
      AiCommitRule.of("codex", "trailer", CO_AUTHOR + "(.*\\b(codex|chatgpt)\\b|.*@openai\\.com)"),
      AiCommitRule.of("cursor", "trailer", CO_AUTHOR + "(cursor( agent)?\\s*<|.*@cursor\\.(com|sh)>)"),
      AiCommitRule.of("aider", "trailer", CO_AUTHOR + ".*\\baider\\b"),
      AiCommitRule.of("devin", "trailer", CO_AUTHOR + "(devin\\b|.*devin-ai-integration|.*@cognition)"),
      AiCommitRule.of("gemini", "trailer", CO_AUTHOR + "(gemini\\b|.*gemini-code-assist|.*google-labs-jules)"),
      AiCommitRule.of("ai-trailer", "trailer",
          "^(ai-assisted|ai-generated|generated-by|assisted-by|co-developed-by):\\s*(yes|true|.*\\b" + TOOLS + ")"),
      // Aider marks the commits it makes with "(aider)" after the user's name.
      AiCommitRule.of("aider-author", "author", "\\(aider\\)\\s*<"),
      AiCommitRule.of("agent-bot-author", "author", AGENT_BOTS),
      AiCommitRule.of("agent-bot-committer", "committer", AGENT_BOTS),
      AiCommitRule.of("generated-with", "message", "^\\W*(generated|created|written) (with|by|using) \\[?" + TOOLS));

  private final List<AiCommitRule> rules;

  /** @param rules looked at in order; all that fire are recorded */
  public AiCommitRules(List<AiCommitRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The default rules. */
  public static AiCommitRules defaults() {
    return new AiCommitRules(DEFAULTS);
  }

  /**
   * Rules from simple values, as a policy file or a POM gives them: each map has {@code name}, {@code field}
   * ({@code author}, {@code committer}, {@code trailer}, {@code message}) and {@code pattern} (a regular expression,
   * case-insensitive). A rule named like a default replaces it; {@code includeDefaults=false} drops the defaults.
   *
   * @throws IllegalArgumentException naming the rule that is bad
   */
  public static AiCommitRules of(List<Map<String, String>> rules, boolean includeDefaults) {
    List<AiCommitRule> parsed = new ArrayList<>();
    for (Map<String, String> rule : rules) {
      parsed.add(AiCommitRule.of(rule.get("name"), rule.get("field"), rule.get("pattern")));
    }
    return withDefaults(parsed, includeDefaults);
  }

  /** The given rules, after the defaults (which they replace by name) unless {@code includeDefaults} is false. */
  public static AiCommitRules withDefaults(List<AiCommitRule> rules, boolean includeDefaults) {
    Map<String, AiCommitRule> byName = new LinkedHashMap<>();
    if (includeDefaults) {
      DEFAULTS.forEach(rule -> byName.put(rule.name(), rule));
    }
    rules.forEach(rule -> byName.put(rule.name(), rule));
    return new AiCommitRules(new ArrayList<>(byName.values()));
  }

  public List<AiCommitRule> rules() {
    return rules;
  }

  /** Every rule that fires on {@code commit}; empty for an ordinary commit. */
  public List<RuleMatch> match(ScannedCommit commit) {
    List<RuleMatch> matches = new ArrayList<>();
    for (AiCommitRule rule : rules) {
      rule.firstMatch(textsOf(commit, rule.field()))
          .ifPresent(text -> matches.add(new RuleMatch(rule.name(), rule.field().label(), text)));
    }
    return matches;
  }

  // The texts of the commit a rule of that field looks at.
  private static List<String> textsOf(ScannedCommit commit, AiCommitRule.Field field) {
    return switch (field) {
      case AUTHOR -> List.of(commit.author());
      case COMMITTER -> List.of(commit.committer());
      case TRAILER -> commit.trailers();
      case MESSAGE -> commit.message().lines().toList();
    };
  }
}
