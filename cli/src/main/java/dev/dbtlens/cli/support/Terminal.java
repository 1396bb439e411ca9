package dev.dbtlens.cli.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is an interactive terminal, where a progress bar may be drawn. */
public final class Terminal {
  private Terminal() {}

  /**
   * {@code System.console()} describes stdin and stdout, not stderr: {@code ingest ... 2>log} from a
   * terminal would write bars into the log. On Linux, stderr's descriptor says where it goes.
   */
  public static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
