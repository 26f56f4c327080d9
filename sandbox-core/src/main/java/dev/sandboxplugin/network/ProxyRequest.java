package dev.sandboxplugin.network;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The head of one request a sandboxed client sent the egress proxy, parsed with hard bounds and nothing resolved:
 * {@code CONNECT host:port} or a plain HTTP request in absolute form ({@code GET http://host[:port]/path}).
 * Anything else (origin-form, {@code https://} without CONNECT, user info, oversized or malformed heads,
 * conflicting framing) is refused while parsing. Runs inside the proxy container: {@code java.base} only.
 */
final class ProxyRequest {

  static final int MAX_REQUEST_LINE = 8 * 1024;
  static final int MAX_HEAD = 32 * 1024;
  static final int MAX_HEADERS = 100;

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  final String method;
  /** Lower case, without a trailing dot; as the client named it, never resolved. */
  final String host;
  final int port;
  /** Origin-form target sent upstream for plain HTTP; null for CONNECT. */
  final String path;
  /** Header lines in order, name and value; for plain HTTP they are forwarded minus the hop-by-hop ones. */
  final List<String[]> headers;

  private ProxyRequest(String method, String host, int port, String path, List<String[]> headers) {
    this.method = method;
    this.host = host;
    this.port = port;
    this.path = path;
    this.headers = headers;
  }

  boolean isConnect() {
    return path == null;
  }

  /** The value of header {@code name}, or null; several of one name are refused earlier where that matters. */
  String header(String name) {
    for (String[] header : headers) {
      if (header[0].equalsIgnoreCase(name)) {
        return header[1];
      }
    }
    return null;
  }

  /**
   * Reads one request head from {@code in}, never more: the body (or a tunnel's first bytes) stays unread.
   *
   * @return null when the client closed the connection before sending anything
   */
  static ProxyRequest read(InputStream in) throws IOException, BadProxyRequestException {
    HeadReader reader = new HeadReader(in);
    String requestLine = reader.line(MAX_REQUEST_LINE);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !METHOD.matcher(parts[0]).matches()
        || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
      throw bad(400, "malformed request line", "?", "", 0);
    }
    String method = parts[0];
    String target = parts[1];
    String authority;
    String path;
    if (method.equals("CONNECT")) {
      authority = target;
      path = null;
    } else {
      String lower = target.toLowerCase(Locale.ROOT);
      if (lower.startsWith("https://")) {
        throw bad(400, "https:// targets must be tunnelled with CONNECT", method, "", 0);
      }
      if (!lower.startsWith("http://")) {
        throw bad(400, "not a proxy request: the target must be an absolute http:// URL", method, "", 0);
      }
      String rest = target.substring("http://".length());
      int end = indexOfAny(rest, "/?#");
      authority = end < 0 ? rest : rest.substring(0, end);
      path = end < 0 ? "/" : rest.substring(end);
      if (path.startsWith("?")) {
        path = "/" + path;
      }
      int fragment = path.indexOf('#');
      if (fragment >= 0) {
        path = path.substring(0, fragment);
      }
    }
    String[] hostPort = splitAuthority(authority, method, !method.equals("CONNECT"));
    String host = hostPort[0];
    int port = Integer.parseInt(hostPort[1]);
    List<String[]> headers = readHeaders(reader, method, host, port);
    ProxyRequest request = new ProxyRequest(method, host, port, path, headers);
    request.checkFraming();
    return request;
  }

  private static List<String[]> readHeaders(HeadReader reader, String method, String host, int port)
      throws IOException, BadProxyRequestException {
    List<String[]> headers = new ArrayList<>();
    while (true) {
      String line = reader.line(MAX_REQUEST_LINE);
      if (line == null) {
        throw bad(400, "connection closed inside the request head", method, host, port);
      }
      if (line.isEmpty()) {
        return headers;
      }
      if (headers.size() == MAX_HEADERS) {
        throw bad(431, "more than " + MAX_HEADERS + " header lines", method, host, port);
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !HEADER_NAME.matcher(line.substring(0, colon)).matches()) {
        // Also refuses obsolete line folding (a line starting with a space), a smuggling vector.
        throw bad(400, "malformed header line", method, host, port);
      }
      headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
    }
  }

  // Request smuggling needs two framings the proxy and the server read differently: refuse any ambiguity.
  private void checkFraming() throws BadProxyRequestException {
    int hosts = 0;
    int lengths = 0;
    int encodings = 0;
    for (String[] header : headers) {
      String name = header[0].toLowerCase(Locale.ROOT);
      hosts += name.equals("host") ? 1 : 0;
      lengths += name.equals("content-length") ? 1 : 0;
      encodings += name.equals("transfer-encoding") ? 1 : 0;
    }
    if (hosts > 1) {
      throw bad(400, "more than one Host header", method, host, port);
    }
    if (lengths > 1 || encodings > 1 || (lengths == 1 && encodings == 1)) {
      throw bad(400, "ambiguous body framing (Content-Length and Transfer-Encoding)", method, host, port);
    }
    String encoding = header("Transfer-Encoding");
    if (encoding != null && !encoding.equalsIgnoreCase("chunked")) {
      throw bad(501, "Transfer-Encoding '" + encoding + "' is not supported; use chunked or Content-Length",
          method, host, port);
    }
    String length = header("Content-Length");
    if (length != null && !length.matches("[0-9]{1,18}")) {
      throw bad(400, "malformed Content-Length", method, host, port);
    }
  }

  /** Body length from Content-Length; 0 when neither it nor chunked encoding is given. */
  long contentLength() {
    String length = header("Content-Length");
    return length == null ? 0 : Long.parseLong(length);
  }

  boolean chunked() {
    return header("Transfer-Encoding") != null;
  }

  // host[:port]; a bracketed IPv6 literal is kept as written so that the decision can name and refuse it.
  private static String[] splitAuthority(String authority, String method, boolean defaultPort)
      throws BadProxyRequestException {
    if (authority.isEmpty() || authority.contains("@")) {
      throw bad(400, authority.isEmpty() ? "no host in the request target" : "user info in the request target",
          method, "", 0);
    }
    String host = authority;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad(400, "malformed IPv6 literal", method, "", 0);
      }
      host = authority.substring(0, close + 1);
      if (authority.length() > close + 1) {
        if (authority.charAt(close + 1) != ':') {
          throw bad(400, "malformed authority", method, "", 0);
        }
        port = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        host = authority.substring(0, colon);
        port = authority.substring(colon + 1);
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (port == null) {
      if (!defaultPort) {
        throw bad(400, "CONNECT needs host:port", method, host, 0);
      }
      port = "80";
    }
    if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw bad(400, "port is not a number from 1 to 65535", method, host, 0);
    }
    return new String[] {host, Integer.toString(Integer.parseInt(port))};
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static BadProxyRequestException bad(int status, String reason, String method, String host, int port) {
    return new BadProxyRequestException(status, reason, method, host, port);
  }

  /** Reads CRLF (or LF) terminated ISO-8859-1 lines one byte at a time, within the whole head's budget. */
  private static final class HeadReader {
    private final InputStream in;
    private int total;

    HeadReader(InputStream in) {
      this.in = in;
    }

    /** The next line without its terminator; null at end of stream before any byte of it. */
    String line(int maxLength) throws IOException, BadProxyRequestException {
      StringBuilder line = new StringBuilder();
      while (true) {
        int b = in.read();
        if (b < 0) {
          if (line.length() == 0) {
            return null;
          }
          throw bad(400, "connection closed inside the request head", "?", "", 0);
        }
        if (++total > MAX_HEAD) {
          throw bad(431, "request head larger than " + MAX_HEAD + " bytes", "?", "", 0);
        }
        if (b == '\n') {
          int length = line.length();
          String text = length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
          if (text.indexOf('\r') >= 0) {
            throw bad(400, "bare carriage return in the request head", "?", "", 0);
          }
          return text;
        }
        if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
          throw bad(400, "control character in the request head", "?", "", 0);
        }
        if (line.length() >= maxLength) {
          throw bad(414, "request line or header longer than " + maxLength + " bytes", "?", "", 0);
        }
        line.append((char) b);
      }
    }
  }
}
