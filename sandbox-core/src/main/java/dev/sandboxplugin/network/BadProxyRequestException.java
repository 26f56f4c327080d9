package dev.sandboxplugin.network;

/**
 * A request the proxy will not parse or serve: too large, malformed, not a proxy request. Carries the HTTP status
 * to answer with and what of the request was understood, for the log line.
 */
final class BadProxyRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  final int status;
  final String method;
  final String host;
  final int port;

  BadProxyRequestException(int status, String reason, String method, String host, int port) {
    super(reason);
    this.status = status;
    this.method = method;
    this.host = host;
    this.port = port;
  }
}
