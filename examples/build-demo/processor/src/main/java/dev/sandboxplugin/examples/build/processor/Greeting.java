package dev.sandboxplugin.examples.build.processor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a class for which {@link GreetingProcessor} writes a {@code <Class>Greeter} at compile time. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Greeting {
  String value();
}
