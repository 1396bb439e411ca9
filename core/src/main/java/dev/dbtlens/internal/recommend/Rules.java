package dev.dbtlens.internal.recommend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules: dbt-project-evaluator's names, categories and what each flags. */
public final class Rules {
  private Rules() {}

  /** A rule of the catalogue. */
  public record Rule(String name, String category, String checks) {}

  /** The categories, in the order violations are listed. */
  public static final List<String> CATEGORIES =
      List.of("modeling", "testing", "documentation", "structure", "performance", "governance");

  /** Every rule, by name, in listing order. */
  public static final Map<String, Rule> ALL = new LinkedHashMap<>();

  private static void add(String name, String category, String checks) {
    ALL.put(name, new Rule(name, category, checks));
  }

  static {
    add("fct_direct_join_to_source", "modeling", "models that select from both a source and another model");
    add("fct_duplicate_sources", "modeling", "sources that point at the same database object");
    add("fct_hard_coded_references", "modeling", "models whose code names a relation directly instead of ref() or source()");
    add("fct_marts_or_intermediate_dependent_on_source", "modeling", "marts or intermediate models that select from a source");
    add("fct_model_fanout", "modeling", "models with at least models_fanout_threshold direct leaf children");
    add("fct_multiple_sources_joined", "modeling", "models that select from more than one source");
    add("fct_rejoining_of_upstream_concepts", "modeling", "a model whose only child also selects from the model's parent");
    add("fct_root_models", "modeling", "models with no parents");
    add("fct_source_fanout", "modeling", "sources selected from by more than one model");
    add("fct_staging_dependent_on_marts_or_intermediate", "modeling", "staging models that select from marts or intermediate models");
    add("fct_staging_dependent_on_staging", "modeling", "staging models that select from another staging model");
    add("fct_unused_sources", "modeling", "sources nothing selects from");
    add("fct_missing_primary_key_tests", "testing", "models without unique and not_null on one column, or unique_combination_of_columns");
    add("fct_test_coverage", "testing", "the percentage of tested models is below test_coverage_target");
    add("fct_untested_models", "testing", "models with no test");
    add("fct_documentation_coverage", "documentation", "the percentage of documented models is below documentation_coverage_target");
    add("fct_undocumented_models", "documentation", "models without a description");
    add("fct_undocumented_source_tables", "documentation", "source tables without a description");
    add("fct_undocumented_sources", "documentation", "sources (the source: block) without a description");
    add("fct_model_directories", "structure", "models not in the folder of their layer (staging models: not in staging/<source>)");
    add("fct_model_naming_conventions", "structure", "models whose name lacks the prefix of their layer");
    add("fct_source_directories", "structure", "source definitions not in staging/<source_name>/");
    add("fct_test_directories", "structure", "generic tests not defined in the folder of the model they test");
    add("fct_chained_views_dependencies", "performance", "models at the end of chained_views_threshold or more views or ephemeral models");
    add("fct_exposure_parents_materializations", "performance", "exposures that read a source, a view or an ephemeral model");
    add("fct_exposures_dependent_on_private_models", "governance", "exposures that read a model that is not public");
    add("fct_public_models_without_contract", "governance", "public models without an enforced contract");
    add("fct_undocumented_public_models", "governance", "public models without a description, columns, or a description on every column");
  }
}
