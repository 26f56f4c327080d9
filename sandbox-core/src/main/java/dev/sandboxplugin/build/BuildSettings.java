package dev.sandboxplugin.build;

/**
 * The Maven settings of the build inside the sandbox, written by us: never the host's (they may hold credentials)
 * nor the tree's. One mirror of every repository, on the artifact channel: while the resolve step runs, each file
 * is asked of the host; the build itself runs offline and reads only what the resolve step fetched.
 */
final class BuildSettings {

  /** The one repository the Maven inside knows; its metadata files are named after it. */
  static final String MIRROR_ID = "sandbox";
  static final String LOCAL_REPOSITORY = "/work/.m2/repository";

  private BuildSettings() {}

  static String xml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by sandbox-maven-plugin for the build inside the sandbox. -->
        <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
          <localRepository>%s</localRepository>
          <interactiveMode>false</interactiveMode>
          <mirrors>
            <mirror>
              <id>%s</id>
              <mirrorOf>*</mirrorOf>
              <url>sandbox-channel://host/</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(LOCAL_REPOSITORY, MIRROR_ID);
  }
}
