package dev.dbtlens;

import java.util.List;

/**
 * An ingest found files that conflict with what the environment holds (see {@link
 * ArtifactOutcome.Status#CONFLICT}) and was rolled back: nothing of it was written. Ingest again
 * with {@link IngestOptions#withConflictsAllowed(boolean)} to skip those files and add the rest, or
 * into another environment.
 *
 * @since 0.2
 */
public class IngestConflictException extends DbtLensException {
  private static final long serialVersionUID = 1L;
  private final transient List<ArtifactOutcome> conflicts;

  /**
   * @param environment the environment ingested into
   * @param conflicts the conflicting files, each with its explanation as {@code warning}
   */
  public IngestConflictException(String environment, List<ArtifactOutcome> conflicts) {
    super(conflicts.size() + (conflicts.size() == 1 ? " file conflicts" : " files conflict")
        + " with environment '" + environment + "'; nothing was written: "
        + String.join("; ", conflicts.stream().map(ArtifactOutcome::warning).toList()));
    this.conflicts = List.copyOf(conflicts);
  }

  /** @return the conflicting files, in the order read */
  public List<ArtifactOutcome> conflicts() {
    return conflicts;
  }
}
