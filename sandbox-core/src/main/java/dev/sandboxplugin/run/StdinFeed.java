package dev.sandboxplugin.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the host writes to a container's stdin: an output stream for the writers, an input stream for the engine's
 * attach call, and a bounded queue of chunks between them (a writer waits when the container reads slowly; any
 * thread may write, unlike a pipe that breaks when its last writer thread ends).
 */
final class StdinFeed extends InputStream {

  private static final byte[] END = new byte[0];
  private static final int CHUNK = 64 * 1024;
  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
  private byte[] current = new byte[0];
  private int position;
  private volatile boolean closed;

  /** The writers' side; {@link OutputStream#close()} ends the stream for the container. */
  final OutputStream writer = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      for (int start = offset; start < offset + length; start += CHUNK) {
        put(Arrays.copyOfRange(bytes, start, Math.min(offset + length, start + CHUNK)));
      }
    }

    @Override
    public void close() {
      StdinFeed.this.close();
    }
  };

  private void put(byte[] chunk) throws IOException {
    if (closed) {
      throw new IOException("the container's stdin is closed");
    }
    try {
      while (!chunks.offer(chunk, 1, TimeUnit.SECONDS)) {
        if (closed) {
          throw new IOException("the container's stdin is closed");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing to the container's stdin");
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (current == END) {
      return -1;
    }
    if (position >= current.length) {
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while feeding the container's stdin");
      }
      position = 0;
      if (current == END) {
        return -1;
      }
    }
    int count = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, count);
    position += count;
    return count;
  }

  @Override
  public int available() {
    return current == END ? 0 : current.length - position;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      chunks.offer(END);
    }
  }
}
