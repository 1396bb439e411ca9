package dev.dbtlens.server.internal;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Against DNS rebinding: a server bound to a loopback address answers only requests whose {@code
 * Host} names a loopback address ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), so a web page
 * that points its own domain at 127.0.0.1 cannot read the answers. A server bound elsewhere answers
 * any {@code Host}.
 */
final class HostCheck {
  private final boolean loopbackOnly;

  HostCheck(InetAddress bound) {
    this.loopbackOnly = bound.isLoopbackAddress();
  }

  boolean allows(HttpExchange exchange) {
    if (!loopbackOnly) {
      return true;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    return host == null || isLoopbackName(hostName(host));
  }

  String description() {
    return "localhost, 127.0.0.1 and [::1]";
  }

  /** {@code name:port}, {@code [v6]:port} or a bare name: the name, lower case, without brackets. */
  private static String hostName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(1, end);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean isLoopbackName(String name) {
    if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("::1")) {
      return true;
    }
    return name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
