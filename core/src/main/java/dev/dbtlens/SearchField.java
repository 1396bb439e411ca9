package dev.dbtlens;

import java.util.Locale;

/**
 * What a full-text search looks in (see {@code docs/search.md}). The first five are the Discovery
 * API's {@code SearchQueryFilter.fields}; {@link #TAG} is dbtlens' own.
 */
public enum SearchField {
  /** The node's name (and, for an exact match, the whole name). */
  NAME,
  /** The adapter-rendered relation name, e.g. {@code "analytics"."marts"."orders"}. */
  RELATION,
  /** The node's tags. */
  TAG,
  /** The node's description. */
  DESCRIPTION,
  /** Column names and descriptions declared in YAML. */
  COLUMN,
  /** The node's raw code (SQL or Python). */
  CODE;

  /** @return the lower-case name clients send, e.g. {@code description} */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param name a field's name in any case
   * @return the field
   * @throws IllegalArgumentException naming the fields there are
   */
  public static SearchField of(String name) {
    for (SearchField f : values()) {
      if (f.name().equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown search field '" + name
        + "': expected one of name, relation, tag, description, column, code");
  }
}
