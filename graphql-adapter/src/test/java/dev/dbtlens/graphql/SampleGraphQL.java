package dev.dbtlens.graphql;

import dev.dbtlens.DbtLens;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole sample in an in-memory database and an adapter over it, opened before a test class's
 * tests and closed after them: {@code @RegisterExtension static final SampleGraphQL SAMPLE = new
 * SampleGraphQL();}.
 */
final class SampleGraphQL implements BeforeAllCallback, AfterAllCallback {
  private DbtLens lens;
  private DbtLensGraphQL graphql;

  @Override
  public void beforeAll(ExtensionContext context) {
    lens = Sample.lens();
    graphql = DbtLensGraphQL.create(lens);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    lens.close();
  }

  DbtLens lens() {
    return lens;
  }

  DbtLensGraphQL graphql() {
    return graphql;
  }
}
