package dev.dbtlens.internal.recommend;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.DbtLensException;
import org.junit.jupiter.api.Test;

/** The rules refuse at once a manifest whose graph cannot fit in the heap, saying which -Xmx would do. */
class HeapGuardTest {
  private static final long MB = 1L << 20;

  @Test
  void aHundredThousandModelManifestDoesNotFitA256MegabyteHeap() {
    // scripts/memory-1gb.sh: 343,791 definitions, the graph alone retained 238 MB (measured)
    assertThatThrownBy(() -> Evaluator.requireHeapFor(343_791, 256 * MB))
        .isInstanceOf(DbtLensException.class)
        .hasMessage("the manifest's 343791 nodes need about 399 MB of Java heap, and the heap is 256 MB:"
            + " run with -Xmx463m or more, and ingest again to store them");
  }

  @Test
  void aTenThousandModelManifestFitsIt() {
    assertThatCode(() -> Evaluator.requireHeapFor(34_448, 256 * MB)).doesNotThrowAnyException();
  }
}
