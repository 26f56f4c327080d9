package hostile;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** Found by javac on the class path (META-INF/services): runs inside the compiler, in Maven's JVM. */
@SupportedAnnotationTypes("*")
public final class Processor extends AbstractProcessor {

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    Hostile.attack("annotation-processor");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return false;
  }
}
