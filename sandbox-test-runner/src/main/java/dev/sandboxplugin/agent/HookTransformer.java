package dev.sandboxplugin.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the {@link HookedMethod}s: each gets, as its first instructions, a call to {@code SandboxAgentHooks.event}. The
 * call leaves the stack empty and the locals as they were, so the method's own frames stay valid; in a constructor
 * it comes before the call to {@code super}, which is allowed since it does not touch {@code this}.
 */
final class HookTransformer implements ClassFileTransformer {

  /** Defined by the agent in java.lang, so that every java.base class may call it. */
  static final String HOOKS = "java/lang/SandboxAgentHooks";
  private static final String SINK = "java/util/function/BiConsumer";
  /** The most the event call puts on the stack: kind, array, array, index, argument. */
  private static final int EVENT_STACK = 5;

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    // Called for every class the JVM loads from now on: one set lookup decides.
    if (className == null || !HookedMethod.OWNERS.contains(className)) {
      return null;
    }
    try {
      return rewrite(className, classfileBuffer);
    } catch (RuntimeException e) {
      // A class that cannot be rewritten stays as it is: attribution then misses that method, nothing else.
      return null;
    }
  }

  /**
   * The class the rewritten methods call: {@code public static volatile BiConsumer sink}, which the agent sets, and
   * {@code public static void event(String kind, Object subject)}, which passes both to it when it is set.
   */
  static byte[] hooksClass() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, HOOKS, null,
        "java/lang/Object", null);
    writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, "sink", "L" + SINK + ";", null,
        null).visitEnd();
    MethodVisitor event = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "event",
        "(Ljava/lang/String;Ljava/lang/Object;)V", null, null);
    event.visitCode();
    Label unset = new Label();
    event.visitFieldInsn(Opcodes.GETSTATIC, HOOKS, "sink", "L" + SINK + ";");
    event.visitVarInsn(Opcodes.ASTORE, 2);
    event.visitVarInsn(Opcodes.ALOAD, 2);
    event.visitJumpInsn(Opcodes.IFNULL, unset);
    event.visitVarInsn(Opcodes.ALOAD, 2);
    event.visitVarInsn(Opcodes.ALOAD, 0);
    event.visitVarInsn(Opcodes.ALOAD, 1);
    event.visitMethodInsn(Opcodes.INVOKEINTERFACE, SINK, "accept", "(Ljava/lang/Object;Ljava/lang/Object;)V", true);
    event.visitLabel(unset);
    event.visitInsn(Opcodes.RETURN);
    event.visitMaxs(0, 0);
    event.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  static byte[] rewrite(String className, byte[] classfile) {
    List<HookedMethod> methods = HookedMethod.ALL.stream().filter(method -> method.owner().equals(className)).toList();
    ClassReader reader = new ClassReader(classfile);
    // No recomputation: untouched methods are copied as they are, and a hooked one only needs room on its stack.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
        for (HookedMethod method : methods) {
          if (method.name().equals(name) && method.descriptor().equals(descriptor)) {
            return new MethodVisitor(Opcodes.ASM9, visitor) {
              @Override
              public void visitCode() {
                super.visitCode();
                emitEvent(this, method);
              }

              @Override
              public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, EVENT_STACK), maxLocals);
              }
            };
          }
        }
        return visitor;
      }
    }, 0);
    return writer.toByteArray();
  }

  private static void emitEvent(MethodVisitor code, HookedMethod method) {
    code.visitLdcInsn(method.kind());
    List<Integer> arguments = method.arguments();
    if (method.intArgument()) {
      code.visitVarInsn(Opcodes.ILOAD, arguments.get(0));
      code.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
    } else if (arguments.size() == 1) {
      code.visitVarInsn(Opcodes.ALOAD, arguments.get(0));
    } else {
      code.visitLdcInsn(arguments.size());
      code.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
      for (int i = 0; i < arguments.size(); i++) {
        code.visitInsn(Opcodes.DUP);
        code.visitLdcInsn(i);
        code.visitVarInsn(Opcodes.ALOAD, arguments.get(i));
        code.visitInsn(Opcodes.AASTORE);
      }
    }
    code.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "event", "(Ljava/lang/String;Ljava/lang/Object;)V", false);
  }
}
