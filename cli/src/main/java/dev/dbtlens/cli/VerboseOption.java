package dev.dbtlens.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code --verbose}: stack traces on errors. Read by {@link Failures} from the parse result. */
public final class VerboseOption {
  static final String NAME = "--verbose";

  @Option(names = {"-v", NAME}, description = "Print stack traces on errors.")
  boolean verbose;

  /** @return true when {@code --verbose} was given to the command or any of its parents */
  static boolean given(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(NAME)) {
        return true;
      }
    }
    return false;
  }
}
