package dev.dbtlens.cli.output;

/** Counts with their noun: {@code 1 file}, {@code 2 files}, {@code 3 catalog entries}. */
public final class Plural {
  private Plural() {}

  public static String of(long n, String one) {
    return of(n, one, one + "s");
  }

  public static String of(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
