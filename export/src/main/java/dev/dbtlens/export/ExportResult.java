package dev.dbtlens.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@link ParquetExport#export} call wrote.
 *
 * @param directory the export directory
 * @param exportId the sequence number of this export in the directory (1 for the first)
 * @param newInvocations invocations exported for the first time by this call
 * @param views every view, in catalog order, with the rows this call wrote
 */
public record ExportResult(Path directory, int exportId, long newInvocations, List<ViewExport> views) {

  /** @return the rows written by this call, over all views */
  public long rowsWritten() {
    return views.stream().mapToLong(ViewExport::rowsWritten).sum();
  }
}
