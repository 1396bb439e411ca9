/**
 * The executable schema: the SDL, the wiring of every schema area, the root types ({@code Query},
 * {@code Environment}, {@code AppliedState}, {@code DefinitionState}) that lead into them, the limits'
 * instrumentation, and one execution with its own {@code Request} and DataLoaders. <strong>Not
 * API.</strong>
 *
 * <p>The top of the internal packages: may use all of them. Used only by {@link
 * dev.dbtlens.graphql.DbtLensGraphQL}.
 */
package dev.dbtlens.graphql.internal.schema;
