package dev.dbtlens;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What to select, mirroring {@code dbt ls}: {@code --select}, {@code --exclude}, {@code
 * --selector}, {@code --resource-type}, {@code --indirect-selection}, and the earlier invocation
 * that {@code state:}, {@code result:} and {@code source_status:} compare against.
 *
 * @param select selection expressions (each may hold several space-separated criteria); empty
 *     selects everything, as dbt does
 * @param exclude expressions removed from the selection last
 * @param selector a YAML selector by name (from {@code selectorsFile}, else from the manifest), or
 *     null
 * @param selectorsFile a {@code selectors.yml}, or null to use the selectors stored in the manifest
 * @param resourceTypes keep only these resource types; empty keeps all but hooks
 * @param indirectSelection how tests follow the nodes they test
 * @param stateInvocation the invocation that history methods compare with, by id or unique prefix;
 *     null means the manifest before the selected one ({@code state:}), the latest run_results
 *     ({@code result:}) and the latest sources.json ({@code source_status:})
 */
public record Selection(
    List<String> select,
    List<String> exclude,
    String selector,
    Path selectorsFile,
    Set<String> resourceTypes,
    IndirectSelection indirectSelection,
    String stateInvocation) {

  /** Copies the lists; null lists are empty, a null indirect selection is eager. */
  public Selection {
    select = select == null ? List.of() : List.copyOf(select);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    resourceTypes = resourceTypes == null ? Set.of() : Set.copyOf(resourceTypes);
    indirectSelection = indirectSelection == null ? IndirectSelection.EAGER : indirectSelection;
  }

  /**
   * @param expressions {@code --select} expressions, e.g. {@code "2+orders+1"}, {@code "tag:nightly"}
   * @return a selection of those, eager, nothing excluded
   */
  public static Selection of(String... expressions) {
    return new Selection(List.of(expressions), List.of(), null, null, Set.of(), IndirectSelection.EAGER, null);
  }

  /**
   * @param expressions {@code --exclude} expressions
   * @return this selection excluding those
   */
  public Selection excluding(String... expressions) {
    return new Selection(select, List.of(expressions), selector, selectorsFile, resourceTypes,
        indirectSelection, stateInvocation);
  }

  /**
   * @param mode the indirect selection mode
   * @return this selection with that mode
   */
  public Selection withIndirectSelection(IndirectSelection mode) {
    return new Selection(select, exclude, selector, selectorsFile, resourceTypes, mode, stateInvocation);
  }

  /**
   * @param types resource types to keep
   * @return this selection keeping only those
   */
  public Selection withResourceTypes(String... types) {
    return new Selection(select, exclude, selector, selectorsFile, Set.of(types), indirectSelection,
        stateInvocation);
  }

  /**
   * @param invocationId the invocation to compare with for {@code state:}, {@code result:}, {@code
   *     source_status:}
   * @return this selection comparing with that invocation
   */
  public Selection withStateInvocation(String invocationId) {
    return new Selection(select, exclude, selector, selectorsFile, resourceTypes, indirectSelection,
        invocationId);
  }

  /**
   * @param name a YAML selector's name
   * @param file the selectors.yml holding it, or null for the manifest's selectors
   * @return this selection using that selector
   */
  public Selection withSelector(String name, Path file) {
    return new Selection(select, exclude, name, file, resourceTypes, indirectSelection, stateInvocation);
  }
}
