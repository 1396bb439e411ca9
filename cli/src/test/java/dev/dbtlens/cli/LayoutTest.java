package dev.dbtlens.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's layout (package-info.java): command packages use {@code support} and {@code output}, never
 * each other nor the entry point; {@code support} uses only {@code output}; {@code output} nothing else.
 */
class LayoutTest {
  private static final String CLI = "dev.dbtlens.cli";
  private static final List<String> COMMANDS =
      List.of("ingest", "sql", "select", "freshness", "graphql", "demo", "serve", "export", "report", "follow", "prune",
          "search", "mesh", "columns", "perf", "check");
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(CLI);

  @Test
  void commandPackagesUseOnlySupportAndOutput() {
    for (String command : COMMANDS) {
      List<String> others = new ArrayList<>(List.of(CLI));
      COMMANDS.stream().filter(c -> !c.equals(command)).forEach(c -> others.add(CLI + "." + c + ".."));
      noClasses().that().resideInAPackage(CLI + "." + command + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
          .check(CLASSES);
    }
  }

  @Test
  void sharedPackagesUseNoCommand() {
    List<String> commands = new ArrayList<>(List.of(CLI));
    COMMANDS.forEach(c -> commands.add(CLI + "." + c + ".."));
    noClasses().that().resideInAPackage(CLI + ".support..")
        .should().dependOnClassesThat().resideInAnyPackage(commands.toArray(String[]::new))
        .check(CLASSES);
    commands.add(CLI + ".support..");
    noClasses().that().resideInAPackage(CLI + ".output..")
        .should().dependOnClassesThat().resideInAnyPackage(commands.toArray(String[]::new))
        .check(CLASSES);
  }
}
