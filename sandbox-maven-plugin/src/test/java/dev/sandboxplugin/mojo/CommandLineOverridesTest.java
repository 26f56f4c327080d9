package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandLineOverridesTest {

  @Test
  void theCommandLineWinsOverThePom() {
    Properties user = new Properties();
    user.setProperty(PropertyNames.TIMEOUT, "3s");
    user.setProperty(PropertyNames.SKIP, "");
    user.setProperty(PropertyNames.FAIL_ON_ERROR, "false");
    user.setProperty(PropertyNames.REPORT_DIRECTORY, "out");
    CommandLineOverrides commandLine = new CommandLineOverrides(user);

    assertEquals("3s", commandLine.string(PropertyNames.TIMEOUT, "1m"));
    assertEquals("256m", commandLine.string(PropertyNames.MEMORY, "256m"));
    assertTrue(commandLine.flag(PropertyNames.SKIP, false), "a bare -Dsandbox.skip means true");
    assertFalse(commandLine.flag(PropertyNames.FAIL_ON_ERROR, true));
    assertEquals(new File("out"), commandLine.file(PropertyNames.REPORT_DIRECTORY, new File("target/sandbox")));
    assertFalse(commandLine.choosePayload());
  }

  @Test
  void namingAPayloadOnTheCommandLineChoosesIt() {
    Properties user = new Properties();
    user.setProperty(PropertyNames.SOURCE, "Try.java");
    assertTrue(new CommandLineOverrides(user).choosePayload());
    Properties script = new Properties();
    script.setProperty(PropertyNames.SCRIPT, "check.py");
    assertTrue(new CommandLineOverrides(script).choosePayload(), "-Dsandbox.script sets the POM's mainClass aside");
  }
}
