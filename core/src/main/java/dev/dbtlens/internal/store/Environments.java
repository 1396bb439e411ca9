package dev.dbtlens.internal.store;

import dev.dbtlens.NotFoundException;
import dev.dbtlens.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The environments a database holds, and the message for one it does not. Names are compared
 * exactly (case-sensitive), as they are stored; a name that differs only in case is suggested.
 */
public final class Environments {
  /** Names listed in a message before "and N more". */
  private static final int LISTED = 20;

  private Environments() {}

  /** @return the environments that have at least one artifact, sorted by name */
  public static List<String> names(Store store) {
    try (Connection c = store.duplicate();
        PreparedStatement s = c.prepareStatement(
            "SELECT DISTINCT environment FROM store.artifact ORDER BY environment");
        ResultSet r = s.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StorageException("listing the environments of " + store.description(), e);
    }
  }

  /**
   * @param store the database
   * @param environment a name
   * @throws NotFoundException naming the environments the database has, if it has no such one
   */
  public static void require(Store store, String environment) {
    List<String> known = names(store);
    if (!known.contains(environment)) {
      throw notFound(environment, known);
    }
  }

  /**
   * @param environment the name asked for
   * @param known the environments the database has
   * @return "Environment 'x' not found", with the environments there are and a name that differs
   *     only in case
   */
  public static NotFoundException notFound(String environment, List<String> known) {
    StringBuilder m = new StringBuilder("Environment '").append(environment).append("' not found: ");
    if (known.isEmpty()) {
      return new NotFoundException(m.append("the database has no environment yet (nothing was ingested).").toString());
    }
    m.append(known.size() == 1 ? "the database has one environment, " : "the database has " + known.size() + " environments: ");
    m.append(String.join(", ", known.subList(0, Math.min(LISTED, known.size()))));
    m.append(known.size() > LISTED ? " and " + (known.size() - LISTED) + " more." : ".");
    for (String k : known) {
      if (k.toLowerCase(Locale.ROOT).equals(environment.toLowerCase(Locale.ROOT))) {
        m.append(" Names are case-sensitive: did you mean '").append(k).append("'?");
        break;
      }
    }
    return new NotFoundException(m.toString());
  }
}
