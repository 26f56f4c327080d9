package dev.sandboxplugin.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image of one layer (a root file system tar) in the format {@code docker save} writes and the engine's load
 * call reads: {@code manifest.json}, the image config, the layer. Used for the polyglot base, whose root file
 * system comes from mmdebstrap as a tar with its symlinks and hard links, which Jib's file layers would not keep.
 * Public so that the CI runner image ({@code runner-image}) can start from such a root file system too.
 */
public final class SingleLayerArchive {

  private static final int BLOCK = 512;

  private final Path layer;
  private final String diffId;
  private final byte[] config;
  private final byte[] manifest;

  private SingleLayerArchive(Path layer, String diffId, byte[] config, byte[] manifest) {
    this.layer = layer;
    this.diffId = diffId;
    this.config = config;
    this.manifest = manifest;
  }

  /**
   * Describes the archive; the layer is hashed here (its diff id), written only by {@link #writeTo}.
   *
   * @param layer an uncompressed tar of the root file system
   * @param reference repository:tag it is loaded as
   * @param environment the image's environment
   * @param user the image's user, e.g. {@code 65532:65532}
   * @param workingDir the image's working folder
   * @param labels the image's labels
   * @param createdBy the history entry of the one layer
   * @return the archive, not yet written
   * @throws IOException if the layer cannot be read
   */
  public static SingleLayerArchive of(Path layer, String reference, Map<String, String> environment, String user,
      String workingDir, Map<String, String> labels, String createdBy) throws IOException {
    String diffId = "sha256:" + sha256(layer);
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> containerConfig = new LinkedHashMap<>();
    containerConfig.put("Env", new TreeMap<>(environment).entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
    containerConfig.put("User", user);
    containerConfig.put("WorkingDir", workingDir);
    containerConfig.put("Labels", new TreeMap<>(labels));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", architecture());
    config.put("os", "linux");
    // A fixed time: the same root file system gives the same image id.
    config.put("created", "1970-01-01T00:00:01Z");
    config.put("config", containerConfig);
    config.put("rootfs", new TreeMap<>(Map.of("type", "layers", "diff_ids", List.of(diffId))));
    config.put("history", List.of(new TreeMap<>(Map.of("created", "1970-01-01T00:00:01Z", "created_by", createdBy))));
    // Sorted maps only (Map.of iterates in a different order in each JVM): the same input, the same image id.
    byte[] configBytes = json.writeValueAsBytes(config);
    byte[] manifestBytes = json.writeValueAsBytes(List.of(new TreeMap<>(Map.of(
        "Config", "config.json", "RepoTags", List.of(reference), "Layers", List.of("layer.tar")))));
    return new SingleLayerArchive(layer, diffId, configBytes, manifestBytes);
  }

  String diffId() {
    return diffId;
  }

  /**
   * Writes the whole archive as a tar stream.
   *
   * @param out where the archive goes; flushed, not closed
   * @throws IOException if the layer cannot be read or {@code out} written
   */
  public void writeTo(OutputStream out) throws IOException {
    entry(out, "config.json", config.length);
    out.write(config);
    pad(out, config.length);
    long layerSize = Files.size(layer);
    entry(out, "layer.tar", layerSize);
    Files.copy(layer, out);
    pad(out, layerSize);
    entry(out, "manifest.json", manifest.length);
    out.write(manifest);
    pad(out, manifest.length);
    out.write(new byte[2 * BLOCK]); // end of archive
    out.flush();
  }

  // A ustar header for a regular file; names here are short and sizes below 8 GiB, so no extensions are needed.
  private static void entry(OutputStream out, String name, long size) throws IOException {
    if (size >= 077777777777L) {
      throw new IOException(name + " is too large for a tar header: " + size + " bytes");
    }
    byte[] header = new byte[BLOCK];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, String.format("%011o", 1));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    put(header, 148, String.format("%06o", checksum));
    header[154] = 0;
    out.write(header);
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static void pad(OutputStream out, long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // reading is hashing
      }
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
