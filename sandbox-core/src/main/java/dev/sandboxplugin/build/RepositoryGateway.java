package dev.sandboxplugin.build;

import dev.sandboxplugin.run.ContainerFiles;
import dev.sandboxplugin.run.RunAttachment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's end of the artifact channel of the resolve step (the sandbox's end is the Maven extension's
 * {@code ArtifactChannel}): reads the Maven inside's requests from its stdout, refuses any that is not a path of
 * Maven's repository layout, gets the file from the {@link ArtifactSource} (the host's trusted repositories) and puts
 * it into the channel folder through the engine's archive API. Every file served is remembered: they become the
 * repository layer of the offline build. Bounded: a request count and a byte total per run.
 */
public final class RepositoryGateway implements RunAttachment {

  /** Must match the extension's {@code ArtifactChannel}. */
  static final String REQUEST = "[sandbox-fetch] ";
  static final String TOKEN_VARIABLE = "SANDBOX_CHANNEL_TOKEN";
  static final int MAX_REQUESTS = 50_000;
  static final long MAX_BYTES = 8L * 1024 * 1024 * 1024;
  private static final Pattern LINE = Pattern.compile("(\\S+) (\\d{1,9}) (GET|PEEK) (\\S{1,400})");

  private final ArtifactSource source;
  private final String token = UUID.randomUUID().toString();
  private final ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "sandbox-artifact-channel");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Path> served = new ConcurrentHashMap<>();
  private final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger missing = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

  public RepositoryGateway(ArtifactSource source) {
    this.source = source;
  }

  @Override
  public Map<String, String> environment() {
    return Map.of(TOKEN_VARIABLE, token);
  }

  @Override
  public boolean needsStdin() {
    return true;
  }

  @Override
  public boolean onStdoutLine(String line, ContainerFiles files) {
    int at = line.indexOf(REQUEST);
    if (at < 0) {
      return false;
    }
    Matcher request = LINE.matcher(line.substring(at + REQUEST.length()));
    if (!request.matches() || !request.group(1).equals(token)) {
      // Not ours to answer (a forged or garbled line): shown, as the payload's own output.
      return false;
    }
    String number = request.group(2);
    boolean peek = request.group(3).equals("PEEK");
    String path = request.group(4);
    workers.execute(() -> answer(files, number, peek, path));
    return true;
  }

  private void answer(ContainerFiles files, String number, boolean peek, String path) {
    Path file = null;
    String status;
    try {
      Optional<RepositoryPath> parsed = RepositoryPath.parse(path);
      if (requests.incrementAndGet() > MAX_REQUESTS) {
        status = "error more than " + MAX_REQUESTS + " requests in one run";
      } else if (parsed.isEmpty()) {
        refused.add(path);
        status = "error not a path of Maven's repository layout";
      } else {
        Optional<Path> found = fetch(parsed.get());
        if (found.isEmpty()) {
          missing.incrementAndGet();
          status = "missing";
        } else {
          file = parsed.get().checksum() == null ? found.get() : checksumFile(found.get(), parsed.get().checksum());
          if (parsed.get().checksum() == null) {
            served.put(parsed.get().localPath(), found.get());
          }
          if (bytes.addAndGet(Files.size(file)) > MAX_BYTES) {
            file = null;
            status = "error more than " + MAX_BYTES / (1024 * 1024 * 1024) + " GB fetched in one run";
          } else {
            status = "found " + (peek ? -1 : Files.size(file)) + " sha1=" + digest(file, "SHA-1") + " md5="
                + digest(file, "MD5");
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      status = "error " + oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      file = null;
    }
    OutputStream stdin = files.stdin();
    try {
      synchronized (stdin) {
        stdin.write((number + " " + status + "\n").getBytes(StandardCharsets.UTF_8));
        if (file != null && !peek && status.startsWith("found")) {
          Files.copy(file, stdin);
        }
        stdin.flush();
      }
    } catch (IOException | RuntimeException containerGone) {
      // The run has ended, or the engine went: the request dies with the container.
    }
  }

  private Optional<Path> fetch(RepositoryPath path) throws IOException {
    return path.kind() == RepositoryPath.Kind.METADATA ? source.metadata(path) : source.artifact(path);
  }

  // The checksum files are made here, of the file the host has: what the host checked is what the sandbox gets.
  private static Path checksumFile(Path file, String algorithm) throws IOException {
    String name = switch (algorithm) {
      case "sha1" -> "SHA-1";
      case "md5" -> "MD5";
      case "sha256" -> "SHA-256";
      default -> "SHA-512";
    };
    Path checksum = Files.createTempFile("sandbox-checksum-", "." + algorithm);
    checksum.toFile().deleteOnExit();
    Files.writeString(checksum, digest(file, name), StandardCharsets.US_ASCII);
    return checksum;
  }

  private static String digest(Path file, String algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      byte[] buffer = new byte[65536];
      int read;
      while ((read = in.read(buffer)) != -1) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void runEnded() {
    workers.shutdown();
    try {
      workers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }

  /** Local repository path to host file, for every file served (not checksums). */
  public Map<String, Path> served() {
    return new TreeMap<>(served);
  }

  /** Paths that were refused as not of the repository layout. */
  public List<String> refused() {
    synchronized (refused) {
      return List.copyOf(refused);
    }
  }

  public int requests() {
    return requests.get();
  }

  public int missing() {
    return missing.get();
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").trim();
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
