package dev.dbtlens.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.DbtLens;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.IngestOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server holds the database only while it answers, so an ingest, in this process or another,
 * goes through while it runs, and the next request sees what it wrote.
 */
class WriterTest {
  static final String ENVIRONMENTS = "{ environments { dbtProjectName } }";

  @TempDir Path dir;

  @Test
  void anIngestInThisProcessIsSeenByTheNextRequest() throws IOException {
    try (Served served = Served.start(dir)) {
      assertThat(environments(served)).hasSize(1);

      try (DbtLens writer = DbtLens.open(served.db)) {
        writer.ingest(IngestOptions.defaults().withEnvironment("second"), List.of(Served.invocations(dir).get(0)));
      }

      assertThat(environments(served)).hasSize(2);
    }
  }

  @Test
  void withKeepOpenTheDatabaseIsLetGoThatLongAfterTheLastRequest() throws Exception {
    try (Served served = Served.start(dir, o -> o.withKeepOpen(Duration.ofMillis(500)))) {
      assertThat(environments(served)).hasSize(1);
      assertThatThrownBy(() -> DbtLens.open(served.db).close()).isInstanceOf(DbtLensException.class);

      Thread.sleep(1_500);
      try (DbtLens writer = DbtLens.open(served.db)) {
        writer.ingest(IngestOptions.defaults().withEnvironment("second"), List.of(Served.invocations(dir).get(0)));
      }
      assertThat(environments(served)).hasSize(2);
    }
  }

  @Test
  void anIngestInAnotherProcessGoesThroughWhileServingAndIsSeen() throws Exception {
    try (Served served = Served.start(dir)) {
      assertThat(environments(served)).hasSize(1);

      Process ingest = OtherProcess.start("ingest", served.db.toString(), "second",
          Served.invocations(dir).get(0).toString());
      // requests keep coming while the other process ingests: between them the file is free for it,
      // and while it writes they wait for it
      int requests = 0;
      while (ingest.isAlive() && requests < 2_000) {
        assertThat(served.graphql(ENVIRONMENTS, Map.of(), null).statusCode()).isEqualTo(200);
        requests++;
        Thread.sleep(20);
      }
      String said = OtherProcess.readLine(ingest);
      assertThat(OtherProcess.await(ingest)).isZero();
      System.out.println("other process " + said + ", " + requests + " requests meanwhile");

      assertThat(environments(served)).hasSize(2);
    }
  }

  @Test
  void aRequestWaitsForAWriterUpToItsTimeoutThenGets503() throws Exception {
    Path db = Served.database(dir);
    Process holder = OtherProcess.start("hold", db.toString(), "3000");
    try (Served patient = Served.start(dir);
        Served hasty = Served.start(dir, o -> o.withRequestTimeout(Duration.ofMillis(300)))) {
      assertThat(OtherProcess.readLine(holder)).isEqualTo("holding");

      HttpResponse<String> refused = hasty.graphql(ENVIRONMENTS, Map.of(), null);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(Served.tree(refused.body()).at("/errors/0/message").asText()).contains("another process");
      assertThat(hasty.get("/health").statusCode()).isEqualTo(503);

      long start = System.nanoTime();
      HttpResponse<String> waited = patient.graphql(ENVIRONMENTS, Map.of(), null);
      assertThat(waited.statusCode()).isEqualTo(200);
      assertThat(Served.tree(waited.body()).at("/data/environments")).hasSize(1);
      System.out.printf("a request waited %d ms for the writer to let go%n",
          (System.nanoTime() - start) / 1_000_000);
    } finally {
      OtherProcess.await(holder);
    }
  }

  private static JsonNode environments(Served served) {
    HttpResponse<String> r = served.graphql(ENVIRONMENTS, Map.of(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Served.tree(r.body()).at("/data/environments");
  }
}
