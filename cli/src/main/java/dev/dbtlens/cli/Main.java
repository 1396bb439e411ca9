package dev.dbtlens.cli;

/** Placeholder until the CLI lands. */
public final class Main {
  private Main() {}

  /** @param args command-line arguments */
  public static void main(String[] args) {
    System.out.println("dbtlens");
  }
}
