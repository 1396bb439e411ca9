package dev.dbtlens.cli.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbtlens.DbtLens;
import dev.dbtlens.SearchField;
import dev.dbtlens.SearchHit;
import dev.dbtlens.SearchQuery;
import dev.dbtlens.SearchResults;
import dev.dbtlens.cli.output.ResultPrinter;
import dev.dbtlens.cli.support.ExitCode;
import dev.dbtlens.cli.support.ReadOptions;
import dev.dbtlens.cli.support.VerboseOption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbtlens search}: ranked full-text search with filters. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
        "Full-text search of an environment's latest manifest: names, relation names, tags,"
            + " descriptions, column names and descriptions, and code, best match first (see"
            + " docs/search.md). All words must match, each in any searched field; \"quoted phrases\","
            + " prefix*, OR and -excluded work as in Lucene's query syntax.",
        "The table marks matched terms [like this]; JSON gives the highlight as HTML (<em>)."})
public final class SearchCommand implements Callable<Integer> {
  enum Format { TABLE, JSON }

  @Spec CommandSpec spec;
  @Mixin ReadOptions db;
  @Mixin VerboseOption verbose;

  @Parameters(arity = "0..*", paramLabel = "WORDS", description = "What to look for; none lists"
      + " every node that passes the filters.")
  List<String> words = new ArrayList<>();

  @Option(names = "--field", split = ",", paramLabel = "FIELD",
      description = "Search only these fields: name, relation, tag, description, column, code."
          + " Repeatable or comma-separated. Default: all.")
  List<String> fields = new ArrayList<>();

  @Option(names = {"--type", "--resource-type"}, split = ",", paramLabel = "TYPE",
      description = "Only these resource types (model, source, seed, snapshot, test, exposure,"
          + " metric, semantic_model, ...).")
  List<String> types = new ArrayList<>();

  @Option(names = "--access", split = ",", paramLabel = "LEVEL",
      description = "Only models with this access: private, protected, public.")
  List<String> access = new ArrayList<>();

  @Option(names = "--materialized", split = ",", paramLabel = "KIND",
      description = "Only nodes materialized so: table, view, incremental, ephemeral, ...")
  List<String> materialized = new ArrayList<>();

  @Option(names = "--layer", split = ",", paramLabel = "LAYER",
      description = "Only models of this modeling layer: staging, intermediate, marts, other.")
  List<String> layers = new ArrayList<>();

  @Option(names = "--tag", split = ",", paramLabel = "TAG", description = "Only nodes with one of these tags.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "Show at most N hits. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0",
      description = "Skip the first N hits (paging). Default: ${DEFAULT-VALUE}.")
  int offset;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one object per hit and line). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    if (limit < 0 || offset < 0) {
      throw new ParameterException(spec.commandLine(), "--limit and --offset must not be negative");
    }
    Set<SearchField> chosen = EnumSet.noneOf(SearchField.class);
    for (String f : fields) {
      try {
        chosen.add(SearchField.of(f));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--field: " + e.getMessage());
      }
    }
    SearchQuery query = new SearchQuery(String.join(" ", words), chosen, types, access,
        materialized, layers, tags);
    SearchResults results;
    try (DbtLens lens = db.open()) {
      results = lens.search(db.environment, query, offset, limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.JSON) {
      ObjectMapper json = new ObjectMapper();
      for (SearchHit h : results.hits()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("unique_id", h.uniqueId());
        row.put("resource_type", h.resourceType());
        row.put("name", h.name());
        row.put("matched_field", h.matchedField() == null ? null : h.matchedField().apiName());
        row.put("highlight", h.highlight());
        row.put("score", h.score());
        row.put("file_path", h.filePath());
        row.put("tags", h.tags());
        row.put("description", h.description());
        out.println(json.writeValueAsString(row));
      }
    } else {
      List<List<Object>> rows = new ArrayList<>();
      for (SearchHit h : results.hits()) {
        rows.add(List.of(h.uniqueId(), h.matchedField() == null ? "" : h.matchedField().apiName(),
            plain(h.highlight())));
      }
      new ResultPrinter(out, ResultPrinter.Format.TABLE).print(
          List.of("unique_id", "matched", "highlight"), rows, false);
      int shown = results.hits().size();
      out.println(shown == 0 ? results.totalCount() + " matches"
          : "hits " + (offset + 1) + "-" + (offset + shown) + " of " + results.totalCount()
              + (results.hasNextPage() ? " (more with --offset " + (offset + shown) + ")" : ""));
    }
    out.flush();
    return ExitCode.OK;
  }

  /** A highlight for a terminal: matched terms in brackets, HTML entities decoded. */
  static String plain(String highlight) {
    if (highlight == null) {
      return "";
    }
    return highlight.replace("<em>", "[").replace("</em>", "]").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'")
        .replace("&#x2F;", "/").replace("&amp;", "&").replace('\n', ' ').strip();
  }
}
