/**
 * dbtlens test data: the generator of realistic dbt artifact histories and the bundled sample. The API is
 * {@code dev.dbtlens.testdata}; the generator's parts under {@code dev.dbtlens.testdata.internal} are hidden.
 */
module dev.dbtlens.testdata {
    requires com.fasterxml.jackson.core;

    exports dev.dbtlens.testdata;
}
