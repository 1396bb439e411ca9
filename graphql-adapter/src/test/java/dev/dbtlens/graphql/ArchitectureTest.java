package dev.dbtlens.graphql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of the adapter, checked on its compiled classes: three public types in {@code
 * dev.dbtlens.graphql}, internal packages by schema area with dependencies pointing one way (each
 * package-info.java says what its package may use), no cycles, internals never using the entry
 * point, and no internal type in a public signature of the API.
 */
class ArchitectureTest {
  private static final String API = "dev.dbtlens.graphql";
  private static final String INTERNAL = API + ".internal.";

  /** Each internal package and the internal packages it may use, from the bottom up. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("scalars", Set.of());
    ALLOWED.put("execution", Set.of("scalars"));
    ALLOWED.put("environment", Set.of("execution", "scalars"));
    ALLOWED.put("run", Set.of("environment", "execution", "scalars"));
    ALLOWED.put("node", Set.of("run", "environment", "execution", "scalars"));
    ALLOWED.put("nodetype", Set.of("node", "run", "environment", "execution", "scalars"));
    ALLOWED.put("lineage", Set.of("node", "run", "environment", "execution", "scalars"));
    ALLOWED.put("job", Set.of("node", "run", "environment", "execution", "scalars"));
    ALLOWED.put("live", Set.of("run", "environment", "execution", "scalars"));
    ALLOWED.put("mesh", Set.of("environment", "execution", "scalars"));
    ALLOWED.put("perf", Set.of("run", "environment", "execution", "scalars"));
    ALLOWED.put("columns", Set.of("node", "environment", "execution", "scalars"));
    ALLOWED.put("search", Set.of("mesh", "node", "environment", "execution", "scalars"));
    ALLOWED.put("schema", Set.of("search", "mesh", "job", "lineage", "nodetype", "node", "run", "environment",
        "execution", "scalars", "live", "recommend", "columns", "perf"));
    ALLOWED.put("recommend", Set.of("environment", "execution", "scalars"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(API);
  }

  @Test
  void theApiIsThreePublicTypes() {
    List<String> pub = classes.stream()
        .filter(c -> c.getPackageName().equals(API) && c.getModifiers().contains(JavaModifier.PUBLIC))
        .map(JavaClass::getSimpleName)
        .toList();
    assertThat(pub).containsExactlyInAnyOrder("DbtLensGraphQL", "GraphQLResult", "Limits");
  }

  @Test
  void everyInternalPackageIsListedWithWhatItMayUse() {
    List<String> packages = classes.stream()
        .map(JavaClass::getPackageName)
        .filter(p -> p.startsWith(INTERNAL))
        .map(p -> p.substring(INTERNAL.length()))
        .distinct().sorted().toList();
    assertThat(packages).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
  }

  @Test
  void internalPackagesDependOnlyOnWhatTheyMayUse() {
    for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
      String[] forbidden = ALLOWED.keySet().stream()
          .filter(p -> !p.equals(e.getKey()) && !e.getValue().contains(p))
          .map(p -> INTERNAL + p + "..")
          .toArray(String[]::new);
      if (forbidden.length == 0) {
        continue;
      }
      noClasses().that().resideInAPackage(INTERNAL + e.getKey() + "..")
          .should().dependOnClassesThat().resideInAnyPackage(forbidden)
          .because("package-info.java of internal." + e.getKey() + " says what it may use")
          .check(classes);
    }
  }

  @Test
  void internalPackagesHaveNoCycles() {
    slices().matching(INTERNAL + "(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void internalsUseTheApiValueTypesButNotItsEntryPoint() {
    noClasses().that().resideInAPackage(API + ".internal..")
        .should().dependOnClassesThat().belongToAnyOf(DbtLensGraphQL.class)
        .because("the entry point is built on the internals, not the other way round")
        .check(classes);
  }

  @Test
  void publicApiSignaturesMentionNoInternalType() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!c.getPackageName().equals(API) || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      Stream.of(c.getFields(), c.getMethods(), c.getConstructors())
          .flatMap(Set::stream)
          .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC)
              || m.getModifiers().contains(JavaModifier.PROTECTED))
          .filter(ArchitectureTest::mentionsInternalType)
          .forEach(m -> leaks.add(m.getFullName()));
    }
    assertThat(leaks).as("public members of dev.dbtlens.graphql that mention internal types").isEmpty();
  }

  private static boolean mentionsInternalType(JavaMember member) {
    List<JavaType> types = new ArrayList<>();
    if (member instanceof JavaField f) {
      types.add(f.getType());
    } else if (member instanceof JavaCodeUnit u) {
      types.add(u.getReturnType());
      types.addAll(u.getParameterTypes());
      types.addAll(u.getThrowsClause().getTypes());
    }
    return types.stream()
        .flatMap(t -> t.getAllInvolvedRawTypes().stream())
        .anyMatch(t -> t.getPackageName().startsWith(INTERNAL));
  }
}
