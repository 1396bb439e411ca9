package dev.dbtlens.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dbtlens.DbtLens;
import graphql.language.AstPrinter;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dbt Cloud Discovery API's published schema ({@code ../shared/discovery-api}) is the contract:
 * graphql-java's {@link SchemaDiff} finds no breaking change from it to dbtlens' printed schema,
 * and a walk over every named type (SchemaDiff only follows types reachable from the roots) finds
 * every type, field, argument, enum value and interface with the same type.
 */
@SuppressWarnings("rawtypes")
class PublishedSchemaTest {
  private static String published;
  private static String ours;

  @BeforeAll
  static void read() throws IOException {
    Path file = Path.of("..", "..", "shared", "discovery-api", "production-schema-2024-12.graphql")
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      String msg = "the published Discovery API schema is expected at " + file;
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      assumeTrue(false, msg + "; skipping");
    }
    published = withoutClientDirectives(Files.readString(file));
    try (DbtLens lens = DbtLens.inMemory()) {
      ours = DbtLensGraphQL.create(lens).printSchema();
    }
  }

  /** The file's three directives belong to the Apollo iOS client that fetched it, not the server. */
  private static String withoutClientDirectives(String sdl) {
    Document doc = Parser.parse(sdl);
    return AstPrinter.printAst(doc.transform(b -> b.definitions(doc.getDefinitions().stream()
        .filter(d -> !(d instanceof DirectiveDefinition)).toList())));
  }

  @Test
  void schemaDiffReportsNoBreakingChange() {
    CapturingReporter reporter = new CapturingReporter();
    int breaking = new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(published, ours), reporter);
    List<String> reasons = reporter.getBreakages().stream().map(DiffEvent::getReasonMsg).toList();
    System.out.println("SchemaDiff published 2024-12 -> dbtlens: " + breaking + " breaking, "
        + reporter.getDangerCount() + " dangerous (added enum values), " + reporter.getInfoCount() + " info");
    assertThat(reasons).isEmpty();
    assertThat(breaking).isZero();
  }

  @Test
  void everyPublishedTypeFieldArgumentAndEnumValueExistsWithTheSameType() {
    TypeDefinitionRegistry theirs = new SchemaParser().parse(published);
    TypeDefinitionRegistry mine = new SchemaParser().parse(ours);
    List<String> problems = new ArrayList<>();
    int types = 0;
    for (TypeDefinition<?> t : theirs.types().values()) {
      types++;
      TypeDefinition<?> m = mine.types().get(t.getName());
      if (m == null || m.getClass() != t.getClass()) {
        problems.add("type " + t.getName());
        continue;
      }
      compare(t, m, problems);
    }
    theirs.scalars().keySet().forEach(s -> {
      if (!mine.scalars().containsKey(s)) {
        problems.add("scalar " + s);
      }
    });
    assertThat(types).as("named types of the published schema").isGreaterThanOrEqualTo(160);
    assertThat(problems).isEmpty();
  }

  private static void compare(TypeDefinition<?> t, TypeDefinition<?> m, List<String> problems) {
    if (t instanceof ImplementingTypeDefinition<?> it && m instanceof ImplementingTypeDefinition<?> im) {
      for (var i : it.getImplements()) {
        if (im.getImplements().stream().noneMatch(x -> AstPrinter.printAst(x).equals(AstPrinter.printAst(i)))) {
          problems.add(t.getName() + " implements " + AstPrinter.printAst(i));
        }
      }
      for (FieldDefinition f : it.getFieldDefinitions()) {
        Optional<FieldDefinition> mf = im.getFieldDefinitions().stream()
            .filter(x -> x.getName().equals(f.getName())).findFirst();
        if (mf.isEmpty() || !same(f.getType(), mf.get().getType())) {
          problems.add(t.getName() + "." + f.getName() + ": " + AstPrinter.printAst(f.getType()));
          continue;
        }
        arguments(t.getName() + "." + f.getName(), f.getInputValueDefinitions(),
            mf.get().getInputValueDefinitions(), problems);
      }
    }
    if (t instanceof InputObjectTypeDefinition ti && m instanceof InputObjectTypeDefinition mi) {
      arguments(t.getName(), ti.getInputValueDefinitions(), mi.getInputValueDefinitions(), problems);
    }
    if (t instanceof EnumTypeDefinition te && m instanceof EnumTypeDefinition me) {
      for (EnumValueDefinition v : te.getEnumValueDefinitions()) {
        if (me.getEnumValueDefinitions().stream().noneMatch(x -> x.getName().equals(v.getName()))) {
          problems.add(t.getName() + "." + v.getName());
        }
      }
    }
  }

  /** Every published argument with its type; any argument of ours beyond them is optional. */
  private static void arguments(String owner, List<InputValueDefinition> theirs,
      List<InputValueDefinition> mine, List<String> problems) {
    for (InputValueDefinition a : theirs) {
      Optional<InputValueDefinition> ma = mine.stream().filter(x -> x.getName().equals(a.getName())).findFirst();
      if (ma.isEmpty() || !same(a.getType(), ma.get().getType())) {
        problems.add(owner + "(" + a.getName() + ": " + AstPrinter.printAst(a.getType()) + ")");
      }
      if (ma.isPresent() && a.getDefaultValue() != null && (ma.get().getDefaultValue() == null
          || !AstPrinter.printAst(a.getDefaultValue()).equals(AstPrinter.printAst(ma.get().getDefaultValue())))) {
        problems.add(owner + "(" + a.getName() + " = " + AstPrinter.printAst(a.getDefaultValue()) + ")");
      }
    }
    for (InputValueDefinition extra : mine) {
      boolean known = theirs.stream().anyMatch(x -> x.getName().equals(extra.getName()));
      if (!known && extra.getType() instanceof graphql.language.NonNullType && extra.getDefaultValue() == null) {
        problems.add(owner + "(" + extra.getName() + ") is a required dbtlens addition");
      }
    }
  }

  private static boolean same(graphql.language.Type<?> a, graphql.language.Type<?> b) {
    return AstPrinter.printAst(a).equals(AstPrinter.printAst(b));
  }

  @Test
  void theServicesLaterAdditionsArePresent() {
    TypeDefinitionRegistry mine = new SchemaParser().parse(ours);
    assertThat(enumValues(mine, "TestStatus")).containsExactlyInAnyOrder("error", "fail", "pass", "skipped", "warn");
    assertThat(enumValues(mine, "RunStatus")).contains("reused");
    assertThat(enumValues(mine, "FreshnessStatus")).contains("Outdated", "Skipped", "Unconfigured");
    assertThat(enumValues(mine, "ResourceNodeType")).contains("Function");
    assertThat(fields(mine, "TestAppliedStateNode")).contains("lastKnownResult:TestStatus");
    assertThat(fields(mine, "TestAppliedStateNestedNode")).contains("lastKnownResult:TestStatus");
    assertThat(inputs(mine, "TestAppliedFilter")).contains("lastKnownResults:[TestStatus]", "lastKnownResult:TestStatus");
    assertThat(fields(mine, "ModelAppliedStateNode")).contains("relationName:String");
    assertThat(fields(mine, "GroupNode")).contains("ownerGithub:String", "ownerSlack:String");
    assertThat(fields(mine, "MetricDefinitionNode")).contains("label:String");
    assertThat(fields(mine, "SourceLineageNode")).contains("lastRunStatus:String");
    assertThat(fields(mine, "ExposureNode")).contains("compileStartedAt:DateTime", "compileCompletedAt:DateTime",
        "executeStartedAt:DateTime", "executeCompletedAt:DateTime", "executionTime:Float", "status:String",
        "threadId:String");
    assertThat(inputs(mine, "AppliedResourcesFilter")).contains("publicParents:[String!]");
    assertThat(inputs(mine, "LineageFilter")).contains("select:String", "exclude:String");
    for (String t : List.of("FunctionDefinitionNode", "FunctionDefinitionNestedNode",
        "FunctionDefinitionNodeConnection", "FunctionDefinitionNodeEdge", "FunctionDefinitionFilter",
        "FunctionArgument", "FunctionReturns", "FunctionLineageNode")) {
      assertThat(mine.types().get(t)).as(t).isNotNull();
    }
    assertThat(fields(mine, "DefinitionState"))
        .contains("functions(after:String,filter:FunctionDefinitionFilter,first:Int):FunctionDefinitionNodeConnection!");
    for (String t : JobNodeWiring.TYPES) {
      assertThat(fields(mine, t)).as(t).contains("paginationCursor:String");
    }
    for (String list : JobWiring.LISTS) {
      assertThat(fields(mine, "JobNode").stream().filter(f -> f.startsWith(list + "(")).findFirst().orElseThrow())
          .contains("after:String", "first:Int");
      assertThat(fields(mine, "Query").stream().filter(f -> f.startsWith(list + "(")).findFirst().orElseThrow())
          .contains("after:String", "first:Int");
    }
  }

  private static List<String> enumValues(TypeDefinitionRegistry r, String name) {
    return ((EnumTypeDefinition) r.types().get(name)).getEnumValueDefinitions().stream()
        .map(EnumValueDefinition::getName).toList();
  }

  /** Fields and inputs without white space: {@code name(a:T,b:U):V}. */
  private static List<String> fields(TypeDefinitionRegistry r, String name) {
    ImplementingTypeDefinition<?> t = (ImplementingTypeDefinition<?>) r.types().get(name);
    return t.getFieldDefinitions().stream()
        .map(f -> AstPrinter.printAstCompact(f.transform(b -> b.description(null))).replaceAll("\\s", "")).toList();
  }

  private static List<String> inputs(TypeDefinitionRegistry r, String name) {
    return ((InputObjectTypeDefinition) r.types().get(name)).getInputValueDefinitions().stream()
        .map(f -> AstPrinter.printAstCompact(f.transform(b -> b.description(null))).replaceAll("\\s", "")).toList();
  }
}
