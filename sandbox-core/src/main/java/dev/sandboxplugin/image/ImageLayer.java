package dev.sandboxplugin.image;

import java.util.List;

/** A named image layer. */
record ImageLayer(String name, List<ImageEntry> entries) {

  ImageLayer {
    entries = List.copyOf(entries);
  }
}
