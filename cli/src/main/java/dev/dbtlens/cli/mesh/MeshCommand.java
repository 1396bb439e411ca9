package dev.dbtlens.cli.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.Mesh;
import dev.dbtlens.MeshProject;
import dev.dbtlens.ProjectDependency;
import dev.dbtlens.PublicModel;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.cli.support.WaitOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dbtlens mesh}: projects, which uses which, public models. */
@Command(
    name = "mesh",
    mixinStandardHelpOptions = true,
    description = {
        "The dbt projects of the database (each environment belongs to the project of its latest"
            + " manifest), which project refers to which through cross-project refs, and the public"
            + " models of each project's default environment (see docs/mesh.md)."})
public final class MeshCommand implements Callable<Integer> {
  enum Format { TABLE, JSON }

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;
  @Mixin WaitOption wait;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one object). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    Mesh mesh;
    if (!java.nio.file.Files.isRegularFile(db)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no database at " + db);
    }
    try (DbtLens lens = wait.open(spec.commandLine(), db, () -> DbtLens.openReadOnly(db), line -> {
      spec.commandLine().getErr().println(line);
      spec.commandLine().getErr().flush();
    })) {
      mesh = lens.mesh();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      out.println(new ObjectMapper().writeValueAsString(json(mesh)));
      out.flush();
      return ExitCode.OK;
    }
    ResultPrinter table = new ResultPrinter(out, ResultPrinter.Format.TABLE);
    out.println("Projects:");
    table.print(List.of("project", "project_id", "default_environment", "environments", "producer",
            "consumer", "models", "public_models"),
        mesh.projects().stream().map(p -> List.<Object>of(p.dbtProject(), p.projectId(),
            p.defaultEnvironment(), String.join(", ", p.environments()), p.producer(), p.consumer(),
            p.summary().totalModels(), p.summary().publicModels())).toList(), false);
    out.println();
    out.println("Cross-project refs:");
    table.print(List.of("consumer", "producer", "consumer_nodes", "producer_models"),
        mesh.dependencies().stream().map(d -> List.<Object>of(d.consumerProject(),
            d.producerProject(), d.consumerNodes(), String.join(", ", d.producerModels()))).toList(),
        false);
    out.println();
    out.println("Public models (default environments):");
    table.print(List.of("unique_id", "last_run", "contract", "used_by", "public_ancestors"),
        mesh.publicModels().stream().filter(PublicModel::defaultEnvironment)
            .map(m -> List.<Object>of(m.uniqueId(), m.lastRunStatus() == null ? "" : m.lastRunStatus(),
                m.contractEnforced(), String.join(", ", m.consumerProjects()),
                String.join(", ", m.publicAncestors()))).toList(), false);
    out.flush();
    return ExitCode.OK;
  }

  private static Map<String, Object> json(Mesh mesh) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account_id", mesh.accountId());
    List<Object> projects = new ArrayList<>();
    for (MeshProject p : mesh.projects()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("project", p.dbtProject());
      m.put("project_id", p.projectId());
      m.put("default_environment", p.defaultEnvironment());
      m.put("environments", p.environments());
      m.put("producer", p.producer());
      m.put("consumer", p.consumer());
      m.put("summary", p.summary());
      projects.add(m);
    }
    out.put("projects", projects);
    List<Object> deps = new ArrayList<>();
    for (ProjectDependency d : mesh.dependencies()) {
      deps.add(Map.of("consumer", d.consumerProject(), "producer", d.producerProject(),
          "consumer_nodes", d.consumerNodes(), "producer_models", d.producerModels()));
    }
    out.put("dependencies", deps);
    List<Object> models = new ArrayList<>();
    for (PublicModel m : mesh.publicModels()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("environment", m.environment());
      row.put("unique_id", m.uniqueId());
      row.put("default_environment", m.defaultEnvironment());
      row.put("materialized", m.materialized());
      row.put("contract_enforced", m.contractEnforced());
      row.put("last_run_status", m.lastRunStatus());
      row.put("last_run_generated_at", m.lastRunGeneratedAt() == null ? null : m.lastRunGeneratedAt().toString());
      row.put("deprecation_date", m.deprecationDate() == null ? null : m.deprecationDate().toString());
      row.put("consumer_projects", m.consumerProjects());
      row.put("public_ancestors", m.publicAncestors());
      models.add(row);
    }
    out.put("public_models", models);
    return out;
  }
}
