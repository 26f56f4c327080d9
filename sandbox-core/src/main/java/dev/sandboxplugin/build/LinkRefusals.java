package dev.sandboxplugin.build;

import dev.sandboxplugin.files.SafeTree;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.List;

/**
 * What the tree's walk left out, as the report says it: a link that leaves the project (or a device) is a
 * {@link ViolationKind#LINK} violation, since a checkout has no reason to point at the host's files; a dangling link
 * or one to a folder inside is only noted. Only the link's own path is named, never what it points at.
 */
final class LinkRefusals {

  private static final int MAX_LISTED = 50;

  private LinkRefusals() {}

  static List<Violation> violations(SafeTree.Listing tree) {
    return tree.refused().stream().filter(SafeTree.Refusal::breach).limit(MAX_LISTED)
        .map(refusal -> new Violation(ViolationKind.LINK, refusal.relativePath() + " in the project is "
            + refusal.reason() + "; it was not packaged, and nothing was read through it", Evidence.HOST))
        .toList();
  }

  static List<String> notes(SafeTree.Listing tree) {
    return tree.refused().stream().filter(refusal -> !refusal.breach()).limit(MAX_LISTED)
        .map(refusal -> "left out of the sandbox: " + refusal.relativePath() + " (" + refusal.reason() + ")")
        .toList();
  }
}
