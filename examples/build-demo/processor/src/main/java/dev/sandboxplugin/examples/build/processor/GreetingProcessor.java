package dev.sandboxplugin.examples.build.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** Code that runs inside javac, found on the class path: the kind of build code sandbox:build keeps inside. */
@SupportedAnnotationTypes("dev.sandboxplugin.examples.build.processor.Greeting")
public final class GreetingProcessor extends AbstractProcessor {

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(Greeting.class)) {
      String pkg = ((PackageElement) element.getEnclosingElement()).getQualifiedName().toString();
      String name = element.getSimpleName() + "Greeter";
      String greeting = element.getAnnotation(Greeting.class).value().replace("\\", "\\\\").replace("\"", "\\\"");
      try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + name, element).openWriter()) {
        out.write("package " + pkg + ";\n\n/** Written by GreetingProcessor. */\npublic final class " + name
            + " {\n  private " + name + "() {}\n\n  public static String greet(String who) {\n    return \"" + greeting
            + ", \" + who + \"!\";\n  }\n}\n");
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + name + ": " + e, element);
      }
    }
    return true;
  }
}
