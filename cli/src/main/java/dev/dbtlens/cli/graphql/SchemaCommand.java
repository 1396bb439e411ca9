package dev.dbtlens.cli.graphql;

import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.VerboseOption;
import dev.dbtlens.DbtLens;
import dev.dbtlens.graphql.DbtLensGraphQL;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dbtlens schema}: prints the GraphQL schema (SDL) that {@code dbtlens graphql} serves. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Prints the GraphQL schema (SDL) that 'dbtlens graphql' serves (docs/graphql.md).")
public final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() {
    try (DbtLens lens = DbtLens.inMemory()) {
      spec.commandLine().getOut().print(DbtLensGraphQL.create(lens).printSchema());
    }
    return ExitCode.OK;
  }
}
