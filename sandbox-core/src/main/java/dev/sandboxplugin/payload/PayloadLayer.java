package dev.sandboxplugin.payload;

import java.util.List;

/**
 * A named group of files that change together (dependencies, classes, the payload itself): each becomes one
 * image layer, so an edit to a class does not re-send the dependencies.
 */
public record PayloadLayer(String name, List<PayloadFile> files) {

  public PayloadLayer {
    files = List.copyOf(files);
  }
}
