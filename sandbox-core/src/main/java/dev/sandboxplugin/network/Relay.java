package dev.sandboxplugin.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte copying for the proxy and the forwarder, straight on channels. Java 17's {@code Channels.newInputStream}
 * and {@code newOutputStream} share one lock per socket channel, so a read blocked in one thread would stall
 * the write of the other direction: these adapters call the channel directly instead. Runs inside the containers.
 */
final class Relay {

  private static final int BUFFER = 16 * 1024;

  private Relay() {}

  /** Copies until end of stream, noting the time of each transfer in {@code activity}; returns the byte count. */
  static long copy(ReadableByteChannel from, WritableByteChannel to, AtomicLong activity) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    long total = 0;
    while (from.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        total += to.write(buffer);
      }
      buffer.clear();
      activity.set(System.nanoTime());
    }
    return total;
  }

  /** An unbuffered stream over {@code channel}: reads never take more than asked, so nothing is read ahead. */
  static InputStream input(ReadableByteChannel channel) {
    return new InputStream() {
      private final ByteBuffer single = ByteBuffer.allocate(1);

      @Override
      public int read() throws IOException {
        single.clear();
        int n;
        do {
          n = channel.read(single);
        } while (n == 0);
        return n < 0 ? -1 : single.get(0) & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        int n;
        do {
          n = channel.read(ByteBuffer.wrap(bytes, offset, length));
        } while (n == 0);
        return n;
      }
    };
  }

  static OutputStream output(WritableByteChannel channel) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    };
  }
}
