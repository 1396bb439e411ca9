package dev.dbtlens;

import java.util.List;

/**
 * One project's use of another's models through cross-project {@code ref}s.
 *
 * @param consumerProject the project that refers
 * @param consumerProjectId its id
 * @param producerProject the project referred to
 * @param producerProjectId its id
 * @param consumerNodes how many of the consumer's nodes refer to the producer's models
 * @param producerModels the producer's models referred to, by unique id
 */
public record ProjectDependency(String consumerProject, long consumerProjectId,
    String producerProject, long producerProjectId, long consumerNodes, List<String> producerModels) {
  /** Copies the list. */
  public ProjectDependency {
    producerModels = List.copyOf(producerModels);
  }
}
