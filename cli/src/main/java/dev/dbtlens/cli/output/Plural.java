package dev.dbtlens.cli;

/** Counts with their noun: {@code 1 file}, {@code 2 files}, {@code 3 catalog entries}. */
final class Plural {
  private Plural() {}

  static String of(long n, String one) {
    return of(n, one, one + "s");
  }

  static String of(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
