package dev.dbtlens.graphql.internal.environment;

import dev.dbtlens.graphql.internal.execution.Db;
import dev.dbtlens.graphql.internal.execution.NamedSql;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.execution.Row;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Environment-wide facts: the environment itself, its tags, owners, packages and counts. */
public final class Environments {
  private Environments() {}

  private static final NamedSql ENVIRONMENTS = NamedSql.of("WITH " + Ids.ENVIRONMENT_IDS + """
      ,
      latest AS (
        SELECT environment,
               arg_max(project_name, generated_at) FILTER (WHERE project_name IS NOT NULL) AS project_name,
               arg_max(adapter_type, generated_at) FILTER (WHERE adapter_type IS NOT NULL) AS adapter_type,
               arg_max(dbt_version, generated_at) FILTER (WHERE dbt_version IS NOT NULL) AS dbt_version
        FROM invocations GROUP BY environment
      ),
      manifest AS (
        SELECT environment, invocation_id AS manifest_invocation_id,
               generated_at AS manifest_generated_at
        FROM artifacts WHERE kind = 'manifest'
        QUALIFY row_number() OVER (PARTITION BY environment ORDER BY generated_at DESC, ingested_at DESC) = 1
      )
      SELECT e.environment, ids.environment_id, e.last_generated_at, l.project_name, l.adapter_type,
             l.dbt_version, m.manifest_invocation_id, m.manifest_generated_at,
             EXISTS (SELECT 1 FROM store.live_invocation li
                     WHERE li.environment = e.environment
                       AND NOT EXISTS (SELECT 1 FROM store.artifact a
                                       WHERE a.environment = li.environment
                                         AND a.invocation_id = li.invocation_id
                                         AND a.kind IN ('run_results', 'sources'))) AS live_runs
      FROM environments e
      JOIN env_ids ids USING (environment)
      LEFT JOIN latest l USING (environment)
      LEFT JOIN manifest m USING (environment)
      ORDER BY e.environment""");

  private static final NamedSql ROOT_PACKAGE = NamedSql.of("""
      SELECT package_name, count(*) AS models FROM nodes
      WHERE environment = :env AND resource_type = 'model'
      GROUP BY package_name ORDER BY models DESC, package_name LIMIT 1""");

  /** @return the package with most models: the project name when no invocation recorded one */
  public static String rootPackage(Request request, String environment) {
    List<String> found = request.db().list(ROOT_PACKAGE, Map.of("env", environment),
        r -> r.str("package_name"));
    return found.isEmpty() ? null : found.get(0);
  }

  private static final Request.Memo<List<EnvironmentRef>> ALL = new Request.Memo<>(
      request -> request.db().list(ENVIRONMENTS, Map.of(), EnvironmentRef::read));

  /** @return every environment, sorted by name, read once per execution */
  public static List<EnvironmentRef> all(Request request) {
    return request.memo(ALL);
  }

  /** @return the environment of that name (it exists: a node or run of it was read) */
  public static EnvironmentRef named(Request request, String name) {
    for (EnvironmentRef e : all(request)) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new dev.dbtlens.NotFoundException("Environment '" + name + "' not found.");
  }

  /**
   * @param id a {@code BigInt} argument: the numeric id, or (dbtlens extension) the name
   * @return the environment, or null
   */
  public static EnvironmentRef find(Request request, Object id) {
    Long number = Ids.number(id);
    for (EnvironmentRef e : all(request)) {
      if (number != null ? e.id() == number : e.name().equals(String.valueOf(id))) {
        return e;
      }
    }
    return null;
  }

  /** A tag and how many nodes carry it. */
  record Tag(String name, int count) {}

  private static final NamedSql TAGS = NamedSql.of("""
      SELECT tag, count(*) AS nodes
      FROM (SELECT unnest(tags) AS tag FROM nodes WHERE environment = :env)
      GROUP BY tag ORDER BY tag""");

  public static List<Tag> tags(Request request, String environment) {
    return request.db().list(TAGS, Map.of("env", environment),
        r -> new Tag(r.str("tag"), r.integer("nodes")));
  }

  /** An owner of exposures or groups: the GraphQL {@code ExposureOwner}. */
  record Owner(String name, String email) {}

  private static final NamedSql OWNERS = NamedSql.of("""
      SELECT DISTINCT coalesce(raw_json->>'$.owner.name', owner, '') AS name,
             coalesce(raw_json->>'$.owner.email', '') AS email
      FROM nodes
      WHERE environment = :env AND owner IS NOT NULL
        AND (:types IS NULL OR list_contains(:types, resource_type))
      ORDER BY name, email""");

  public static List<Owner> owners(Request request, String environment, List<String> types) {
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("types", types);
    return request.db().list(OWNERS, p, r -> new Owner(r.str("name"), r.str("email")));
  }

  private static final NamedSql PACKAGES = NamedSql.of("""
      SELECT DISTINCT package_name FROM (
        SELECT package_name, resource_type FROM nodes WHERE environment = :env
        UNION ALL
        SELECT package_name, 'macro' AS resource_type FROM macros WHERE environment = :env)
      WHERE package_name IS NOT NULL AND (:types IS NULL OR list_contains(:types, resource_type))
        AND (:types IS NOT NULL OR resource_type <> 'macro')
      ORDER BY package_name""");

  /** @return the packages with nodes of those types (null: every node type but macros) */
  public static List<String> packages(Request request, String environment, List<String> types) {
    Map<String, Object> p = new HashMap<>();
    p.put("env", environment);
    p.put("types", types);
    return request.db().list(PACKAGES, p, r -> r.str("package_name"));
  }

  private static final NamedSql COUNTS = NamedSql.of("""
      SELECT resource_type, count(*) AS nodes FROM nodes WHERE environment = :env
      GROUP BY resource_type ORDER BY resource_type""");

  public static Map<String, Object> resourceCounts(Request request, String environment) {
    Map<String, Object> out = new LinkedHashMap<>();
    request.db().list(COUNTS, Map.of("env", environment), r -> {
      out.put(r.str("resource_type"), r.lng("nodes"));
      return null;
    });
    return out;
  }
}
