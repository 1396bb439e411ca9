package dev.dbtlens;

/**
 * A project-wide number of the recommendations: a coverage percentage or a count of violations.
 *
 * @param name e.g. {@code test_coverage_pct}, {@code documentation_coverage_pct}, {@code
 *     modeling_violations}
 * @param value its value (percentages from 0 to 100, rounded to two decimals)
 */
public record RecommendationMetric(String name, double value) {}
