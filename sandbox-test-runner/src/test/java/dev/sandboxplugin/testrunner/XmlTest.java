package dev.sandboxplugin.testrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class XmlTest {

  @Test
  void escapesMarkupQuotesAndNewlinesInAttributes() {
    assertEquals("a&lt;b&gt;&amp;&quot;c&#10;d", Xml.attribute("a<b>&\"c\nd"));
    assertEquals("]]&gt; \"quoted\"\nline", Xml.text("]]> \"quoted\"\nline"));
  }

  @Test
  void charactersXmlCannotHoldAreShownByCode() {
    assertEquals("bell&amp;#7;nul&amp;#0;", Xml.text("bell\u0007nul\u0000"));
    assertEquals("lone&amp;#55357;", Xml.text("lone\uD83D"));
    assertEquals("pair\uD83D\uDE00", Xml.text("pair\uD83D\uDE00"));
    assertEquals("", Xml.attribute(null));
  }

  @Test
  void jsonStringsEscapeWhatWouldBreakALine() {
    assertEquals("\"a\\\"b\\\\c\\nd\\u0001\\u2028\"", dev.sandboxplugin.agent.AttemptJson.string("a\"b\\c\nd\u0001\u2028"));
    assertEquals("null", dev.sandboxplugin.agent.AttemptJson.string(null));
  }
}
