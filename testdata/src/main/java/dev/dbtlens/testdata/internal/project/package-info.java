/**
 * The synthetic dbt project: its resources (models, seeds, snapshots, sources, tests, exposures, groups,
 * macros), the builders that lay them out as a realistic DAG, the vocabulary and SQL templates they are named
 * and written with, and deterministic hashing. <strong>Not API.</strong> Uses no other package of the generator.
 */
package dev.dbtlens.testdata.internal.project;
