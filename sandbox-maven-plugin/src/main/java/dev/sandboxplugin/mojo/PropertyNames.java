package dev.sandboxplugin.mojo;

/**
 * The user properties ({@code -Dsandbox.*}) of the plugin's parameters, in one place: Mojo annotations, error
 * messages and tests all name a setting the way a user types it.
 */
public final class PropertyNames {

  public static final String MAIN_CLASS = "sandbox.mainClass";
  public static final String SOURCE = "sandbox.source";
  public static final String SCRIPT = "sandbox.script";
  public static final String INTERPRETER = "sandbox.interpreter";
  public static final String ARGS = "sandbox.args";
  public static final String BASE_IMAGE = "sandbox.baseImage";
  public static final String MEMORY = "sandbox.memory";
  public static final String CPUS = "sandbox.cpus";
  public static final String PIDS = "sandbox.pids";
  public static final String OPEN_FILES = "sandbox.openFiles";
  public static final String PROCESSES = "sandbox.processes";
  public static final String TMPFS_SIZE = "sandbox.tmpfsSize";
  public static final String TIMEOUT = "sandbox.timeout";
  public static final String ENV = "sandbox.env";
  public static final String SECCOMP_PROFILE = "sandbox.seccompProfile";
  public static final String OUTPUT_LIMIT = "sandbox.outputLimit";
  public static final String CACHE_DIR = "sandbox.cacheDir";
  public static final String REPORT_DIRECTORY = "sandbox.reportDirectory";
  public static final String FAIL_ON_ERROR = "sandbox.failOnError";
  public static final String SKIP = "sandbox.skip";
  public static final String MODE = "sandbox.mode";
  public static final String TEST_SKIP = "sandbox.test.skip";
  public static final String RUNTIME = "sandbox.runtime";
  public static final String POLICY = "sandbox.policy";
  public static final String NETWORK = "sandbox.network";
  public static final String ALLOW = "sandbox.allow";
  public static final String PROXY_NETWORK = "sandbox.proxyNetwork";
  public static final String COMMITS = "sandbox.commits";
  public static final String SCAN_RULES = "sandbox.scan.rules";
  public static final String SCAN_DEFAULT_RULES = "sandbox.scan.defaultRules";
  public static final String SCAN_SCRIPTS = "sandbox.scan.scripts";
  public static final String PROJECT = "sandbox.project";
  public static final String GOALS = "sandbox.goals";
  public static final String PROFILES = "sandbox.profiles";
  public static final String PROPERTIES = "sandbox.properties";
  public static final String WORK_SIZE = "sandbox.workSize";
  public static final String TRUSTED_REF = "sandbox.trustedRef";

  private PropertyNames() {}
}
