package dev.sandboxplugin.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Attribution without a Security Manager, on any JDK from 17: the JDK methods where its checks were (and which JDK
 * 24+ no longer have) are rewritten ({@link HookTransformer}) to tell {@link Observer}, through a small class the
 * agent defines in {@code java.lang}. Like the Security Manager, the hooks only observe.
 */
final class JdkHooks implements BiConsumer<String, Object> {

  // What the hooks do may itself reach hooked methods (class loading reads jars): those are let through unseen.
  private static final ThreadLocal<Boolean> IN_HOOK = new InHook();

  private static final class InHook extends ThreadLocal<Boolean> {
    @Override
    protected Boolean initialValue() {
      return Boolean.FALSE;
    }
  }

  private JdkHooks() {}

  /** Installs the hooks; throws when this JVM cannot have them. */
  static void install(Instrumentation instrumentation) throws Exception {
    if (!instrumentation.isRetransformClassesSupported()) {
      throw new IllegalStateException("this JVM cannot retransform classes");
    }
    // The rewritten methods call a class defined in java.lang itself (opened to this agent alone for that): it
    // needs no read edge, and leaves the boot class path, and with it the JVM's class data sharing, alone.
    Module javaBase = Object.class.getModule();
    instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(JdkHooks.class.getModule())),
        Set.of(), Map.of());
    Class<?> hooks = MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup())
        .defineClass(HookTransformer.hooksClass());
    JdkHooks sink = new JdkHooks();
    warmUp();
    hooks.getField("sink").set(null, sink);
    List<Class<?>> targets = new ArrayList<>();
    for (String name : HookedMethod.classNames()) {
      targets.add(Class.forName(name, false, null));
    }
    // Rewrite once before the transformer is in place, so that all it needs is loaded: a class first loaded from
    // inside the transformer would read a jar through the very methods being rewritten.
    HookTransformer transformer = new HookTransformer();
    transformer.transform(javaBase, null, "java/lang/Runtime", Runtime.class, null, classFile("java/lang/Runtime"));
    instrumentation.addTransformer(transformer, true);
    instrumentation.retransformClasses(targets.toArray(Class<?>[]::new));
  }

  private static byte[] classFile(String internalName) throws IOException {
    try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
      if (in == null) {
        throw new IOException("no class file for " + internalName);
      }
      return in.readAllBytes();
    }
  }

  // Every branch once, unarmed (the observer records nothing yet), so no class is first loaded inside a hook.
  private static void warmUp() {
    observe("connect", InetSocketAddress.createUnresolved("warm.up", 1));
    observe("lookup", "warm.up");
    observe("read", new File("/tmp/warm-up"));
    observe("write", Path.of("/tmp/warm-up"));
    observe("delete", Path.of("/tmp/warm-up"));
    observe("random-access", new Object[] {new File("/tmp/warm-up"), "rw"});
    observe("open", new Object[] {Path.of("/tmp/warm-up"), Set.of(StandardOpenOption.READ)});
    observe("copy", new Object[] {Path.of("/tmp/warm-up"), Path.of("/tmp/warm-up-2")});
    observe("move", new Object[] {new File("/tmp/warm-up"), new File("/tmp/warm-up-2")});
    observe("exec", new ProcessBuilder("true"));
    observe("exit", 0);
  }

  @Override
  public void accept(String kind, Object subject) {
    // Until the runner arms the observer (just before the tests), every file the JVM opens or looks at comes here:
    // nothing to record, so nothing more to do.
    if (!Attribution.armed() || IN_HOOK.get()) {
      return;
    }
    IN_HOOK.set(Boolean.TRUE);
    try {
      observe(kind, subject);
    } catch (RuntimeException notOurs) {
      // The hooked method must go on as if unobserved, whatever an odd argument does here.
    } finally {
      IN_HOOK.set(Boolean.FALSE);
    }
  }

  private static void observe(String kind, Object subject) {
    switch (kind) {
      case "connect" -> {
        if (subject instanceof InetSocketAddress address) {
          Observer.checkConnect(address.getHostString(), address.getPort());
        }
      }
      case "lookup" -> {
        if (subject instanceof String host) {
          Observer.checkConnect(host, -1);
        }
      }
      case "read" -> Observer.checkRead(pathOf(subject));
      case "write" -> Observer.checkWrite(pathOf(subject));
      case "delete" -> Observer.checkDelete(pathOf(subject));
      case "random-access" -> {
        Object[] fileAndMode = (Object[]) subject;
        if (String.valueOf(fileAndMode[1]).contains("w")) {
          Observer.checkWrite(pathOf(fileAndMode[0]));
        } else {
          Observer.checkRead(pathOf(fileAndMode[0]));
        }
      }
      case "open" -> {
        Object[] pathAndOptions = (Object[]) subject;
        if (opensForWriting(pathAndOptions[1])) {
          Observer.checkWrite(pathOf(pathAndOptions[0]));
        } else {
          Observer.checkRead(pathOf(pathAndOptions[0]));
        }
      }
      case "copy" -> {
        Object[] sourceAndTarget = (Object[]) subject;
        Observer.checkRead(pathOf(sourceAndTarget[0]));
        Observer.checkWrite(pathOf(sourceAndTarget[1]));
      }
      case "move" -> {
        Object[] sourceAndTarget = (Object[]) subject;
        Observer.checkDelete(pathOf(sourceAndTarget[0]));
        Observer.checkWrite(pathOf(sourceAndTarget[1]));
      }
      case "exec" -> {
        ProcessBuilder builder = (ProcessBuilder) subject;
        List<String> command = builder.command();
        String test = Observer.checkExec(command.isEmpty() ? "" : command.get(0), builder);
        if (test != null) {
          builder.environment().put(Attribution.PARENT_TEST, test);
        }
      }
      case "exit" -> Observer.checkExit((Integer) subject);
      default -> {
      }
    }
  }

  private static boolean opensForWriting(Object options) {
    if (!(options instanceof Set<?> set)) {
      return false;
    }
    return set.contains(StandardOpenOption.WRITE) || set.contains(StandardOpenOption.APPEND)
        || set.contains(StandardOpenOption.CREATE) || set.contains(StandardOpenOption.CREATE_NEW)
        || set.contains(StandardOpenOption.DELETE_ON_CLOSE);
  }

  private static String pathOf(Object file) {
    if (file instanceof File f) {
      return f.getPath();
    }
    return file == null ? null : file.toString();
  }
}
