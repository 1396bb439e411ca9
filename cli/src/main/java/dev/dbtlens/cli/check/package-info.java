/** {@code dbtlens check}: dbt-project-evaluator's recommendations as a CI gate. */
package dev.dbtlens.cli.check;
