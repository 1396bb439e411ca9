package dev.dbtlens.graphql.internal.mesh;

import dev.dbtlens.Mesh;
import dev.dbtlens.MeshProject;
import dev.dbtlens.ProjectDependency;
import dev.dbtlens.PublicModel;
import dev.dbtlens.graphql.internal.environment.AccountIds;
import dev.dbtlens.graphql.internal.execution.Errors;
import dev.dbtlens.graphql.internal.execution.PositionCursors;
import dev.dbtlens.graphql.internal.execution.Request;
import dev.dbtlens.graphql.internal.scalars.Args;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** {@code Query.account}: {@code meshProjects} and {@code publicModels}. */
public final class MeshWiring {
  private static final Request.Memo<Mesh> MESH = new Request.Memo<>(r -> r.lens().mesh());
  private static final String PREFIX = "public|";

  private MeshWiring() {}

  /** Wires the fields. */
  public static void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t.dataFetcher("account", MeshWiring::account));
    wiring.type("Account", t -> t
        .dataFetcher("meshProjects", env -> projects(Request.of(env).memo(MESH)))
        .dataFetcher("publicModels", MeshWiring::publicModels));
  }

  private static Object account(DataFetchingEnvironment env) {
    Object id = env.getArgument("id");
    long account = AccountIds.accountId(Request.of(env));
    if (!(id instanceof Long l) || l != account) {
      return Errors.notFound(env, "Account " + id + " not found: a dbtlens database has one account, id "
          + account + ".");
    }
    return Map.of("id", account);
  }

  private static List<Map<String, Object>> projects(Mesh mesh) {
    Map<String, MeshProject> byName = byName(mesh);
    List<Map<String, Object>> out = new ArrayList<>();
    for (MeshProject p : mesh.projects()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dbtCoreProject", p.dbtProject());
      m.put("dbtCloudProject", p.dbtProject());
      m.put("projectId", p.projectId());
      m.put("defaultEnvironmentId", p.defaultEnvironmentId());
      m.put("isProducer", p.producer());
      m.put("isConsumer", p.consumer());
      MeshProject.Summary s = p.summary();
      m.put("projectSummary", Map.ofEntries(Map.entry("totalNodes", s.totalNodes()),
          Map.entry("totalModels", s.totalModels()), Map.entry("publicModels", s.publicModels()),
          Map.entry("sources", s.sources()), Map.entry("metrics", s.metrics()),
          Map.entry("semanticModels", s.semanticModels()), Map.entry("tests", s.tests()),
          Map.entry("snapshots", s.snapshots()), Map.entry("exposures", s.exposures()),
          Map.entry("macros", s.macros()), Map.entry("seeds", s.seeds())));
      m.put("dependentProjects", p.dependentProjects().stream()
          .map(d -> project(byName.get(d.consumerProject()), d)).toList());
      m.put("upstreamProjects", p.upstreamProjects().stream()
          .map(d -> project(byName.get(d.producerProject()), d)).toList());
      m.put("environments", p.environments());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> project(MeshProject p, ProjectDependency d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("projectId", p.projectId());
    m.put("dbtCoreProject", p.dbtProject());
    m.put("dbtCloudProject", p.dbtProject());
    m.put("defaultEnvironmentId", p.defaultEnvironmentId());
    m.put("dependentModelsCount", d.consumerNodes());
    m.put("modelUniqueIds", d.producerModels());
    return m;
  }

  private static Object publicModels(DataFetchingEnvironment env) {
    Request request = Request.of(env);
    Args args = Args.of(env.getArguments());
    int max = request.limits().maxPageSize();
    Integer first = args.integer("first");
    if (first != null && (first < 0 || first > max)) {
      return Errors.badRequest(env, "Argument 'first' of 'publicModels' is " + first
          + "; it must be between 0 and " + max + " (the page size limit).");
    }
    int offset;
    try {
      offset = PositionCursors.decode(PREFIX, args.str("after"), "publicModels");
    } catch (IllegalArgumentException e) {
      return Errors.badRequest(env, e.getMessage());
    }
    Mesh mesh = request.memo(MESH);
    Args filter = args.object("filter");
    String project = filter.str("dbtCoreProjectName");
    List<String> envIds = filter.strings("environmentIds");
    String projectId = filter.str("projectId");
    List<String> uniqueIds = filter.strings("uniqueIds");
    List<PublicModel> matching = mesh.publicModels().stream()
        .filter(m -> project == null || m.dbtProject().equals(project))
        .filter(m -> envIds == null || envIds.contains(Long.toString(m.environmentId())))
        .filter(m -> projectId == null || projectId.equals(Long.toString(m.projectId())))
        .filter(m -> uniqueIds == null || uniqueIds.contains(m.uniqueId()))
        .toList();
    int limit = first == null ? max : first;
    int from = Math.min(offset, matching.size());
    int to = Math.min(matching.size(), from + limit);
    Map<String, MeshProject> byName = byName(mesh);
    Map<String, PublicModel> models = new HashMap<>();
    mesh.publicModels().stream().filter(PublicModel::defaultEnvironment)
        .forEach(m -> models.put(m.uniqueId(), m));
    List<Map<String, Object>> edges = new ArrayList<>();
    for (int i = from; i < to; i++) {
      edges.add(Map.of("cursor", PositionCursors.encode(PREFIX, i + 1),
          "node", model(matching.get(i), mesh.accountId(), byName, models)));
    }
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
    pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
    pageInfo.put("hasNextPage", to < matching.size());
    pageInfo.put("hasPreviousPage", from > 0);
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("edges", edges);
    connection.put("pageInfo", pageInfo);
    connection.put("totalCount", matching.size());
    return connection;
  }

  private static Map<String, Object> model(PublicModel p, long accountId, Map<String, MeshProject> projects,
      Map<String, PublicModel> defaults) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uniqueId", p.uniqueId());
    m.put("name", p.name());
    m.put("accountId", accountId);
    m.put("projectId", p.projectId());
    m.put("environmentId", p.environmentId());
    m.put("isDefaultEnv", p.defaultEnvironment());
    m.put("environmentDeploymentType", null);
    m.put("dbtCoreProject", p.dbtProject());
    m.put("packageName", p.packageName());
    m.put("fqn", p.fqn());
    m.put("group", p.group());
    m.put("database", p.database());
    m.put("schema", p.schema());
    m.put("identifier", p.identifier());
    m.put("relationName", p.relationName());
    m.put("columnCount", p.columnCount());
    m.put("materializationType", p.materialized());
    m.put("lastRunStatus", p.lastRunStatus());
    m.put("healthIssues", healthIssues(p));
    m.put("latestVersion", p.latestVersion());
    m.put("version", p.version());
    m.put("deprecationDate", p.deprecationDate());
    m.put("description", p.description());
    m.put("runGeneratedAt", p.lastRunGeneratedAt());
    MeshProject self = projects.get(p.dbtProject());
    m.put("dependentProjects", self == null ? List.of() : self.dependentProjects().stream()
        .filter(d -> d.producerModels().contains(p.uniqueId()))
        .map(d -> project(projects.get(d.consumerProject()), d)).toList());
    m.put("publicAncestors", p.publicAncestors().stream().map(uid -> ancestor(uid, projects, defaults)).toList());
    return m;
  }

  private static Map<String, Object> ancestor(String uid, Map<String, MeshProject> projects,
      Map<String, PublicModel> defaults) {
    String[] parts = uid.split("\\.", 3);
    String project = parts.length > 1 ? parts[1] : "";
    PublicModel known = defaults.get(uid);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uniqueId", uid);
    m.put("name", known != null ? known.name() : parts.length > 2 ? parts[2] : uid);
    m.put("dbtCoreProject", project);
    MeshProject p = projects.get(project);
    m.put("projectId", p == null ? null : p.projectId());
    m.put("packageName", project);
    return m;
  }

  static List<String> healthIssues(PublicModel p) {
    List<String> out = new ArrayList<>();
    if (p.lastRunStatus() != null && !p.lastRunStatus().equals("success")) {
      out.add("last_run_" + p.lastRunStatus());
    }
    if (!p.contractEnforced()) {
      out.add("no_contract");
    }
    if (p.description() == null || p.description().isBlank()) {
      out.add("undocumented");
    }
    if (p.deprecationDate() != null && !p.deprecationDate().isAfter(Instant.now())) {
      out.add("deprecated");
    }
    return out;
  }

  private static Map<String, MeshProject> byName(Mesh mesh) {
    Map<String, MeshProject> out = new HashMap<>();
    mesh.projects().forEach(p -> out.put(p.dbtProject(), p));
    return out;
  }
}
