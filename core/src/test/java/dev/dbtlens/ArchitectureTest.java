package dev.dbtlens;

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
 * The layout of core, checked on its compiled classes: internal packages by concern, dependencies
 * pointing one way (each package-info.java says what its package may use), no cycles, and no
 * internal type in the public API's signatures.
 */
class ArchitectureTest {
  private static final String INTERNAL = "dev.dbtlens.internal.";

  /** Each internal package and the internal packages it may use. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("dbt", Set.of());
    ALLOWED.put("store", Set.of("dbt"));
    ALLOWED.put("ingest", Set.of("store", "dbt"));
    ALLOWED.put("lineage", Set.of("store", "dbt"));
    ALLOWED.put("select", Set.of("lineage", "store", "dbt"));
    ALLOWED.put("freshness", Set.of("select", "lineage", "store", "dbt"));
    ALLOWED.put("live", Set.of("store", "dbt"));
    ALLOWED.put("alerts", Set.of("store", "dbt"));
    ALLOWED.put("prune", Set.of("store", "dbt"));
    ALLOWED.put("recommend", Set.of("select", "lineage", "store", "dbt"));
    ALLOWED.put("search", Set.of("store", "dbt"));
    ALLOWED.put("mesh", Set.of("store"));
    ALLOWED.put("columns", Set.of("store", "dbt"));
    ALLOWED.put("perf", Set.of("store", "dbt"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.dbtlens");
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
      noClasses().that().resideInAPackage(INTERNAL + e.getKey() + "..")
          .should().dependOnClassesThat().resideInAnyPackage(forbidden)
          .because("package-info.java of internal." + e.getKey() + " says what it may use")
          .check(classes);
    }
  }

  @Test
  void internalPackagesHaveNoCycles() {
    slices().matching("dev.dbtlens.internal.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void internalsUseTheApiValueTypesButNotItsEntryPoints() {
    noClasses().that().resideInAPackage("dev.dbtlens.internal..")
        .should().dependOnClassesThat().belongToAnyOf(DbtLens.class, Lineage.class)
        .because("the entry points are built on the internals, not the other way round")
        .check(classes);
  }

  @Test
  void publicApiSignaturesMentionNoInternalType() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!c.getPackageName().equals("dev.dbtlens") || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      Stream.of(c.getFields(), c.getMethods(), c.getConstructors())
          .flatMap(Set::stream)
          .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC)
              || m.getModifiers().contains(JavaModifier.PROTECTED))
          .filter(ArchitectureTest::mentionsInternalType)
          .forEach(m -> leaks.add(m.getFullName()));
    }
    assertThat(leaks).as("public members of dev.dbtlens that mention internal types").isEmpty();
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
