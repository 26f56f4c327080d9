package dev.sandboxplugin.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies one chunked request body exactly as framed, and nothing after it, checking the framing as it goes so
 * that the proxy and the server cannot disagree on where the request ends. Runs inside the proxy container.
 */
final class ChunkedBody {

  private static final int MAX_LINE = 4096;
  private static final int MAX_TRAILERS = 100;

  private ChunkedBody() {}

  static void copy(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = line(in);
      int semicolon = sizeLine.indexOf(';');
      String digits = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      if (!digits.matches("[0-9A-Fa-f]{1,15}")) {
        throw new IOException("malformed chunk size");
      }
      long size = Long.parseLong(digits, 16);
      write(out, sizeLine);
      if (size == 0) {
        for (int i = 0; i <= MAX_TRAILERS; i++) {
          String trailer = line(in);
          write(out, trailer);
          if (trailer.isEmpty()) {
            return;
          }
        }
        throw new IOException("too many trailer lines");
      }
      byte[] buffer = new byte[16 * 1024];
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("chunk ended early");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
      if (!line(in).isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
      write(out, "");
    }
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("body ended inside a chunk line");
      }
      if (b == '\n') {
        int length = line.length();
        if (length == 0 || line.charAt(length - 1) != '\r') {
          throw new IOException("chunk line not ended by CRLF");
        }
        return line.substring(0, length - 1);
      }
      if (line.length() >= MAX_LINE || (b < 0x20 && b != '\r' && b != '\t')) {
        throw new IOException("malformed chunk line");
      }
      line.append((char) b);
    }
  }
}
