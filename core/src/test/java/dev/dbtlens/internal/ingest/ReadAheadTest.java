package dev.dbtlens.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbtlens.ProgressListener;
import dev.dbtlens.internal.store.RowBuffer;
import dev.dbtlens.internal.store.RowSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The reading thread's rows arrive in order on the calling thread, its exceptions keep their type,
 * and either side stopping stops the other.
 */
class ReadAheadTest {
  private static final Path FILE = Path.of("manifest.json");

  @Test
  void rowsOfEveryTableArriveInOrderWithProgressOnTheCallingThread() throws IOException {
    RowBuffer a = new RowBuffer();
    RowBuffer b = new RowBuffer();
    List<String> progressThreads = new ArrayList<>();
    ReadAhead.Relay relay = new ReadAhead.Relay((file, read, total) ->
        progressThreads.add(Thread.currentThread().getName() + " " + read));
    new ReadAhead(2).run("reader", out -> {
      for (int i = 0; i < 10_000; i++) {
        out.table(0).begin().str("row " + i).lng((long) i).end();
        if (i % 3 == 0) {
          out.table(1).begin().utf8(new byte[] {(byte) i}).list(List.of("x", "y")).bool(null).end();
        }
        out.rowDone();
        if (i == 5_000) {
          relay.onProgress(FILE, 50, 100);
        }
      }
      relay.onProgress(FILE, 100, 100);
    }, new RowSink[] {a, b}, relay);

    assertThat(a.rows()).isEqualTo(10_000);
    assertThat(b.rows()).isEqualTo(3_334);
    List<String> texts = new ArrayList<>();
    a.replay(new Collect(texts));
    assertThat(texts).hasSize(20_000).startsWith("row 0", "0", "row 1", "1").endsWith("row 9999", "9999");
    String me = Thread.currentThread().getName();
    assertThat(progressThreads).containsExactly(me + " 50", me + " 100");
  }

  @Test
  void theReadersExceptionIsThrownOnTheCallingThreadWithItsType() {
    RowBuffer a = new RowBuffer();
    assertThatThrownBy(() -> new ReadAhead(1).run("reader", out -> {
      for (int i = 0; i < 5_000; i++) {
        out.table(0).begin().str("x").end();
        out.rowDone();
      }
      throw new IOException("unexpected end of input at line 3");
    }, new RowSink[] {a}, new ReadAhead.Relay(ProgressListener.NONE)))
        .isInstanceOf(IOException.class).hasMessage("unexpected end of input at line 3");
    assertThat(a.rows()).isLessThanOrEqualTo(5_000);
  }

  @Test
  void aFailingAppendStopsTheReader() throws Exception {
    AtomicReference<Thread> reader = new AtomicReference<>();
    RowSink failing = new Collect(new ArrayList<>()) {
      @Override
      public RowSink end() {
        throw new IllegalStateException("appender closed");
      }
    };
    assertThatThrownBy(() -> new ReadAhead(1).run("reader", out -> {
      reader.set(Thread.currentThread());
      while (true) { // an endless file: only the calling thread's failure stops it
        out.table(0).begin().str("x").end();
        out.rowDone();
      }
    }, new RowSink[] {failing}, new ReadAhead.Relay(ProgressListener.NONE)))
        .isInstanceOf(IllegalStateException.class).hasMessage("appender closed");
    assertThat(reader.get().isAlive()).isFalse();
  }

  @Test
  void interruptingTheCallingThreadStopsTheReaderAndKeepsTheInterrupt() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Thread> reader = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    CountDownLatch reading = new CountDownLatch(1);
    Thread caller = new Thread(() -> {
      try {
        new ReadAhead(1).run("reader", out -> {
          reader.set(Thread.currentThread());
          reading.countDown();
          while (true) {
            out.table(0).begin().str("x").end();
            out.rowDone();
          }
        }, new RowSink[] {new RowBuffer()}, new ReadAhead.Relay(ProgressListener.NONE));
      } catch (Throwable t) {
        thrown.set(t);
      }
      interrupted.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    reading.await();
    caller.interrupt();
    caller.join(10_000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    assertThat(interrupted.get()).isTrue();
    assertThat(reader.get().isAlive()).isFalse();
  }

  /** Collects the text of every value. */
  private static class Collect implements RowSink {
    private final List<String> out;

    Collect(List<String> out) {
      this.out = out;
    }

    private RowSink add(Object v) {
      out.add(String.valueOf(v));
      return this;
    }

    @Override public RowSink begin() { return this; }
    @Override public RowSink str(String v) { return add(v); }
    @Override public RowSink utf8(byte[] v) { return add(v); }
    @Override public RowSink num(Double v) { return add(v); }
    @Override public RowSink lng(Long v) { return add(v); }
    @Override public RowSink integer(Integer v) { return add(v); }
    @Override public RowSink bool(Boolean v) { return add(v); }
    @Override public RowSink ts(java.time.LocalDateTime v) { return add(v); }
    @Override public RowSink list(List<String> v) { return add(v); }
    @Override public RowSink end() { return this; }
  }
}
