package dev.dbtlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database another process holds: a typed error naming that process. */
class DatabaseLockTest {
  @TempDir Path tmp;

  @Test
  void openingADatabaseAnotherProcessHoldsNamesThatProcess() throws Exception {
    Path db = tmp.resolve("held.duckdb");
    try (LockHolder other = LockHolder.hold(db, 30)) {
      DatabaseLockedException e = catchThrowableOfType(DatabaseLockedException.class, () -> DbtLens.open(db));

      assertThat(e).as("refused").isNotNull();
      assertThat(e.holder()).startsWith("PID " + other.pid() + ", ").contains("java");
      assertThat(e.getMessage()).startsWith("Cannot open database " + db + ": another process (PID "
          + other.pid() + ", ").endsWith(" has it open (DuckDB allows one read-write process, or any number"
          + " of read-only ones, at a time)");
    }
  }
}
