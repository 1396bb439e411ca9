package dev.dbtlens;

import java.util.List;

/** A manifest whose dependencies form a cycle: the message names the nodes on it. */
public class ManifestCycleException extends DbtLensException {
  private static final long serialVersionUID = 1L;
  private final transient List<NodeId> cycle;

  /**
   * @param environment the environment
   * @param cycle the nodes on one cycle, in dependency order
   */
  public ManifestCycleException(String environment, List<NodeId> cycle) {
    super("The manifest of environment '" + environment + "' has a dependency cycle: "
        + String.join(" -> ", cycle.stream().map(NodeId::value).toList())
        + (cycle.isEmpty() ? "" : " -> " + cycle.get(0)));
    this.cycle = List.copyOf(cycle);
  }

  /** @return the nodes on the cycle */
  public List<NodeId> cycle() {
    return cycle;
  }
}
