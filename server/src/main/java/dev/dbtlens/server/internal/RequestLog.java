package dev.dbtlens.server.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * One line per request: {@code 2026-06-10T09:15:02.113Z POST /graphql 200 12ms GetModels} (time,
 * method, path, status, milliseconds, operation name or {@code -}).
 */
final class RequestLog {
  private final Consumer<String> out;

  RequestLog(Consumer<String> out) {
    this.out = out;
  }

  void request(Instant at, String method, String path, int status, long nanos, String operationName) {
    out.accept(at.truncatedTo(ChronoUnit.MILLIS) + " " + method + " " + printable(path) + " "
        + status + " " + nanos / 1_000_000 + "ms " + (operationName == null ? "-" : printable(operationName)));
  }

  /** A path or name from the client, without control characters that could forge log lines. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    s.codePoints().limit(200).forEach(c -> b.appendCodePoint(safe(c)));
    return b.toString();
  }

  private static int safe(int c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c;
  }
}
