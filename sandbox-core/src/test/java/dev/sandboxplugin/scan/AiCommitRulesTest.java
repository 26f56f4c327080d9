package dev.sandboxplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.policy.AiCommitRule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default rules on a real repository: a commit with each assistant's marker is flagged by the rule for it, and
 * ordinary commits that only look alike are not.
 */
class AiCommitRulesTest {

  @TempDir
  Path dir;

  @Test
  void flagsEachMarkerAndNoOrdinaryCommit() throws Exception {
    // Commit subject -> the rules that must fire (empty: must not be flagged).
    Map<String, List<String>> expected = new LinkedHashMap<>();
    try (TestRepository repo = new TestRepository(dir)) {
      repo.commit(TestRepository.HUMAN, "Initial import");
      repo.tag("base");
      repo.commit(TestRepository.HUMAN, "Add parser\n\nParses the input.\n\n"
          + "\uD83E\uDD16 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
          + "Co-Authored-By: Claude <noreply@anthropic.com>\n");
      expected.put("Add parser", List.of("claude", "generated-with"));
      repo.commit(TestRepository.HUMAN, "Copilot co-author\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>");
      expected.put("Copilot co-author", List.of("copilot"));
      repo.commit(new PersonIdent("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"),
          "Copilot agent\n\nCo-authored-by: Jane Developer <jane@example.com>");
      expected.put("Copilot agent", List.of("agent-bot-author", "agent-bot-committer"));
      repo.commit(TestRepository.HUMAN, "Codex co-author\n\nCo-authored-by: Codex <codex@openai.com>");
      expected.put("Codex co-author", List.of("codex"));
      repo.commit(TestRepository.HUMAN, "Cursor co-author\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>");
      expected.put("Cursor co-author", List.of("cursor"));
      repo.commit(new PersonIdent("Jane Developer (aider)", "jane@example.com"), "Aider author");
      expected.put("Aider author", List.of("aider-author"));
      repo.commit(TestRepository.HUMAN, "Aider co-author\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.chat>");
      expected.put("Aider co-author", List.of("aider"));
      repo.commit(new PersonIdent("devin-ai-integration[bot]", "158243242+devin-ai-integration[bot]@users.noreply.github.com"),
          "Devin bot");
      expected.put("Devin bot", List.of("agent-bot-author", "agent-bot-committer"));
      repo.commit(TestRepository.HUMAN, "Gemini co-author\n\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>");
      expected.put("Gemini co-author", List.of("gemini"));
      repo.commit(TestRepository.HUMAN, "Generated line\n\nGenerated with Cursor");
      expected.put("Generated line", List.of("generated-with"));
      repo.commit(TestRepository.HUMAN, "AI trailer\n\nAssisted-by: ChatGPT 4o");
      expected.put("AI trailer", List.of("ai-trailer"));
      // Ordinary commits that share words with the markers.
      repo.commit(TestRepository.HUMAN, "Human co-author\n\nCo-authored-by: Sam Reviewer <sam@example.com>");
      expected.put("Human co-author", List.of());
      repo.commit(new PersonIdent("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
          "Bump junit from 5.10 to 5.13");
      expected.put("Bump junit from 5.10 to 5.13", List.of());
      repo.commit(new PersonIdent("Claude Shannon", "claude@bell-labs.example"), "Information theory");
      expected.put("Information theory", List.of());
      repo.commit(TestRepository.HUMAN, "Fix cursor position after paste\n\nThe copilot seat in the demo is ours."
          + " Generated the changelog with a script.");
      expected.put("Fix cursor position after paste", List.of());
      // A trailer-like line in the body, not in the last paragraph: not a trailer.
      repo.commit(TestRepository.HUMAN, "Quote a trailer\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\n"
          + "Signed-off-by: Jane Developer <jane@example.com>");
      expected.put("Quote a trailer", List.of());

      List<ScannedCommit> commits;
      try (GitHistory history = GitHistory.open(dir)) {
        commits = history.commits(CommitRange.parse("base..HEAD"));
      }
      assertEquals(expected.size(), commits.size());
      AiCommitRules rules = AiCommitRules.defaults();
      for (ScannedCommit commit : commits) {
        List<String> fired = rules.match(commit).stream().map(RuleMatch::rule).toList();
        assertEquals(expected.get(commit.subject()), fired, commit.subject() + " by " + commit.author());
      }
    }
  }

  @Test
  void aMatchRecordsWhatFired() {
    ScannedCommit commit = new ScannedCommit("0123456789", "A <a@x>", "A <a@x>", "x\n\nCo-authored-by: Claude <noreply@anthropic.com>",
        List.of("Co-authored-by: Claude <noreply@anthropic.com>"), List.of());
    assertEquals(List.of(new RuleMatch("claude", "trailer", "Co-authored-by: Claude <noreply@anthropic.com>")),
        AiCommitRules.defaults().match(commit));
  }

  @Test
  void rulesFromSimpleValuesReplaceOrDropTheDefaults() {
    ScannedCommit commit = new ScannedCommit("0123456789", "acme-ai[bot] <bot@acme.example>", "x <x@y>", "x",
        List.of("Co-authored-by: Claude <noreply@anthropic.com>"), List.of());
    AiCommitRules added = AiCommitRules.of(List.of(Map.of("name", "acme", "field", "author", "pattern", "^acme-ai\\[bot\\]")),
        true);
    assertEquals(List.of("claude", "acme"), added.match(commit).stream().map(RuleMatch::rule).toList());
    AiCommitRules only = AiCommitRules.of(List.of(Map.of("name", "acme", "field", "AUTHOR", "pattern", "^ACME-AI")), false);
    assertEquals(List.of("acme"), only.match(commit).stream().map(RuleMatch::rule).toList());
    AiCommitRules replaced = AiCommitRules.withDefaults(List.of(AiCommitRule.parse("claude=trailer:^nothing$")), true);
    assertEquals(List.of(), replaced.match(commit));
    assertEquals(AiCommitRules.defaults().rules().size(), replaced.rules().size());
  }

  @Test
  void badRulesSayWhatToWrite() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AiCommitRule.parse("acme"))
        .getMessage().contains("write name=field:regex"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AiCommitRule.parse("acme=subject:x"))
        .getMessage().contains("use author, committer, trailer or message"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AiCommitRule.parse("acme=author:(unclosed"))
        .getMessage().startsWith("rule 'acme': '(unclosed' is not a regular expression"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> AiCommitRules.of(List.of(Map.of("field", "author", "pattern", "x")), true)).getMessage().contains("name"));
  }
}
