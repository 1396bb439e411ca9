/**
 * Values at the GraphQL boundary: the schema's custom scalars ({@code DateTime}, {@code JSONObject},
 * {@code BigInt}, {@code AnyScalar}), JSON text in and out with the one configured mapper, typed
 * reads of arguments and input objects, and the helpers that register fetchers on the SDL's types.
 * <strong>Not API.</strong>
 *
 * <p>May use: graphql-java and Jackson only. Used by every other internal package; uses none of them.
 */
package dev.dbtlens.graphql.internal.scalars;
