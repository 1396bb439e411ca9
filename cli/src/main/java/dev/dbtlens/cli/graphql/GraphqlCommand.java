package dev.dbtlens.cli.graphql;

import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.graphql.DbtLensGraphQL;
import dev.dbtlens.graphql.GraphQLResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dbtlens graphql}: runs one query of the Discovery-API-shaped schema (docs/graphql.md). */
@Command(
    name = "graphql",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a GraphQL query over the database, opened read-only, with the schema of dbt Cloud's"
            + " Discovery API (docs/graphql.md; 'dbtlens schema' prints it), and prints the JSON"
            + " result ({\"data\": ..., \"errors\": [...]}).",
        "Exits with 1 when the result has errors, 2 for a usage error."})
public final class GraphqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", required = true, paramLabel = "FILE", description = "The database file.")
  Path db;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from FILE.")
  Path file;

  @Option(names = "--variables", paramLabel = "JSON",
      description = "The query's variables as a JSON object, e.g. '{\"env\": \"prod\"}'.")
  String variables;

  @Option(names = "--operation", paramLabel = "NAME",
      description = "The operation to run when the document has several.")
  String operation;

  @Mixin VerboseOption verbose;

  @Parameters(paramLabel = "QUERY", arity = "0..1",
      description = "The query, e.g. '{ environments { id } }' (or use -f).")
  String query;

  @Override
  public Integer call() throws IOException {
    String document = document();
    Map<String, Object> vars = variables();
    if (!Files.isRegularFile(db)) {
      throw new ParameterException(spec.commandLine(), "no database at " + db
          + " (create one with 'dbtlens ingest --db " + db + " PATH...' or 'dbtlens demo')");
    }
    try (DbtLens lens = DbtLens.openReadOnly(db)) {
      GraphQLResult result = DbtLensGraphQL.create(lens).execute(document, vars, operation);
      spec.commandLine().getOut().println(result.toJson());
      return result.hasErrors() ? ExitCode.FAILURE : ExitCode.OK;
    }
  }

  private String document() throws IOException {
    if ((query == null) == (file == null)) {
      throw new ParameterException(spec.commandLine(), "give the query either as QUERY or with -f FILE");
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "no query file at " + file);
    }
    return file != null ? Files.readString(file) : query;
  }

  private Map<String, Object> variables() {
    if (variables == null || variables.isBlank()) {
      return Map.of();
    }
    try {
      Object parsed = new ObjectMapper().readValue(variables, Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new ParameterException(spec.commandLine(), "--variables must be a JSON object");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    } catch (JsonProcessingException e) {
      throw new ParameterException(spec.commandLine(), "--variables is not JSON: " + e.getOriginalMessage());
    }
  }
}
