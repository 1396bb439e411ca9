/** JMH benchmarks of dbtlens' hot paths. Placeholder: the benchmarks arrive with their own issue. */
package dev.dbtlens.benchmarks;
