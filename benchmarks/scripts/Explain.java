import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

/**
 * Runs SQL statements against a DuckDB file (read-only) and prints their results and wall times,
 * e.g. EXPLAIN ANALYZE of the queries dbtlens runs. Usage, from the repository root:
 *   java -cp benchmarks/target/benchmarks.jar benchmarks/scripts/Explain.java DB_FILE "SQL" ["SQL"...]
 * A statement may use ? placeholders, bound to the remaining arguments after "--".
 */
public class Explain {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p)) {
      for (int i = 1; i < args.length; i++) {
        long start = System.nanoTime();
        try (PreparedStatement s = c.prepareStatement(args[i]); ResultSet r = s.executeQuery()) {
          int cols = r.getMetaData().getColumnCount();
          while (r.next()) {
            StringBuilder line = new StringBuilder();
            for (int k = 1; k <= cols; k++) {
              line.append(k > 1 ? " | " : "").append(r.getString(k));
            }
            System.out.println(line);
          }
        }
        System.out.printf("-- %.1f ms%n", (System.nanoTime() - start) / 1e6);
      }
    }
  }
}
