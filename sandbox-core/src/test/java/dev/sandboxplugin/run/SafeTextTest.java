package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTextTest {

  @Test
  void ansiEscapesAreShownNotObeyed() {
    assertEquals("\\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07",
        SafeText.escapeControls("\u001b[31mred\u001b[0m \u001b]0;pwned\u0007"));
  }

  @ParameterizedTest(name = "U+{0} is shown as {1}")
  @CsvSource({
      "0000, \\x00",
      "0007, \\x07",
      "0008, \\x08",
      "000a, \\x0a",
      "000d, \\x0d",
      "001b, \\x1b",
      "007f, \\x7f",
      "0080, \\x80",
      "0085, \\x85",
      "009b, \\x9b",
      "009f, \\x9f",
      "2028, \\u2028",
      "2029, \\u2029",
      "202a, \\u202a",
      "202e, \\u202e",
      "2066, \\u2066",
      "2069, \\u2069",
  })
  void controlCharactersAreEscaped(String hex, String shown) {
    char c = (char) Integer.parseInt(hex, 16);
    assertEquals("ab" + shown + "cd", SafeText.escapeControls("ab" + c + "cd"));
  }

  @Test
  void carriageReturnCannotOverwriteTheLine() {
    assertEquals("Tests passed\\x0dTests FAILED", SafeText.escapeControls("Tests passed\rTests FAILED"));
  }

  @Test
  void bidiOverrideCannotReorderText() {
    assertEquals("file\\u202etxt.exe", SafeText.escapeControls("file\u202etxt.exe"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain text", "tab\tseparated\tcolumns", "wörld ✓ 日本語 \u00a0nbsp", "emoji \ud83d\ude00",
      "\u200e LRM mark", "\u2065 unassigned between the bidi ranges"})
  void textWithoutControlsIsReturnedAsTheSameInstance(String text) {
    assertSame(text, SafeText.escapeControls(text));
  }

  @Test
  void everyControlInALongLineIsEscaped() {
    assertEquals("\\x1b\\x1b x \\x7f\\x0d", SafeText.escapeControls("\u001b\u001b x \u007f\r"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "::error file=pom.xml,line=1::owned | \\x3a:error file=pom.xml,line=1::owned",
      "'   ::set-output name=x::y' | '   \\x3a:set-output name=x::y'",
      "'\t::add-mask::secret' | '\t\\x3a:add-mask::secret'",
      "Results ##[error]Build failed | 'Results #\\x23[error]Build failed'",
      "mid ##vso[task.setvariable variable=PATH]/tmp | 'mid #\\x23vso[task.setvariable variable=PATH]/tmp'",
      "a method ref Foo::bar stays | a method ref Foo::bar stays"})
  void workflowCommandsAreShownNotObeyed(String line, String shown) {
    assertEquals(shown, SafeText.neutralizeCommands(line));
  }

  @Test
  void aForgedNameCannotStartALineOfItsOwn() {
    String forged = "FooTest\n::error file=pom.xml,line=1::owned\r\u001b[0Ksection_start:1:fake\r\u001b[0K";

    String shown = SafeText.forLog(forged);

    assertEquals("FooTest\\x0a::error file=pom.xml,line=1::owned\\x0d\\x1b[0Ksection_start:1:fake\\x0d\\x1b[0K", shown);
    assertEquals(1, shown.lines().count());
  }
}
