package dev.dbtlens.testdata;

/**
 * A violation of dbt-project-evaluator's rules the generator can plant on request (none by
 * default, so the default output never changes).
 */
public enum PlantedViolation {
    /**
     * The last staging model in manifest order also selects from the first staging model of another
     * source ({@code fct_staging_dependent_on_staging}); no node is added.
     */
    STAGING_DEPENDS_ON_STAGING
}
