/** {@code dbtlens search}: full-text search of an environment's latest manifest. */
package dev.dbtlens.cli.search;
