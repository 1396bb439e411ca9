package dev.dbtlens.internal.search;

import dev.dbtlens.internal.store.Sql;
import dev.dbtlens.DbtLensException;
import dev.dbtlens.SearchField;
import dev.dbtlens.SearchHit;
import dev.dbtlens.SearchQuery;
import dev.dbtlens.SearchResults;
import dev.dbtlens.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index of one environment's manifest snapshot, in memory. Immutable once built; safe
 * for concurrent searches.
 */
final class SearchIndex implements AutoCloseable {
  /** Lucene field per searchable field, with its ranking boost. */
  private static final Map<SearchField, Float> BOOSTS = Map.of(
      SearchField.NAME, 5f, SearchField.RELATION, 2f, SearchField.TAG, 3f,
      SearchField.DESCRIPTION, 2f, SearchField.COLUMN, 1.5f, SearchField.CODE, 1f);
  /** Extra weight of a query that is the node's whole name. */
  private static final float EXACT_NAME_BOOST = 10f;
  private static final int MAX_HIGHLIGHT_INPUT = 200_000;
  private static final int SNIPPET_LENGTH = 120;

  private static final String UID = "uid";
  private static final String NAME_EXACT = "name_exact";
  private static final String F_TYPE = "f_resource_type";
  private static final String F_ACCESS = "f_access";
  private static final String F_MATERIALIZED = "f_materialized";
  private static final String F_LAYER = "f_layer";
  private static final String F_TAG = "f_tag";

  /** Stored text with offsets in the postings, so the highlighter does not analyze it again. */
  private static final org.apache.lucene.document.FieldType TEXT_WITH_OFFSETS;

  static {
    TEXT_WITH_OFFSETS = new org.apache.lucene.document.FieldType(TextField.TYPE_STORED);
    TEXT_WITH_OFFSETS.setIndexOptions(
        org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    TEXT_WITH_OFFSETS.freeze();
  }

  private final String environment;
  private final String snapshotId;
  private final Analyzer analyzer = new TextAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final UnifiedHighlighter highlighter;
  private final int documents;

  private SearchIndex(String environment, String snapshotId, Connection c) throws SQLException, IOException {
    this.environment = environment;
    this.snapshotId = snapshotId;
    this.documents = write(c);
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
    this.highlighter = UnifiedHighlighter.builder(searcher, analyzer)
        .withMaxNoHighlightPassages(0)
        .withMaxLength(MAX_HIGHLIGHT_INPUT)
        .withFormatter(new DefaultPassageFormatter("<em>", "</em>", " … ", true))
        // about 120 characters around the first match, cut between words: code has no sentences
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
            BreakIterator.getLineInstance(Locale.ROOT), SNIPPET_LENGTH, 0.5f))
        .build();
  }

  /**
   * Reads the environment's current nodes and columns and indexes them.
   *
   * @param snapshotId the manifest snapshot they come from (the index's identity)
   */
  static SearchIndex build(Connection c, String environment, String snapshotId) {
    try {
      return new SearchIndex(environment, snapshotId, c);
    } catch (SQLException e) {
      throw new StorageException("indexing environment '" + environment + "' for search", e);
    } catch (IOException e) {
      throw new UncheckedIOException("indexing environment '" + environment + "' for search", e);
    }
  }

  String snapshotId() {
    return snapshotId;
  }

  int documents() {
    return documents;
  }

  private int write(Connection c) throws SQLException, IOException {
    Map<String, List<String>> columns = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("""
        SELECT unique_id, column_name, description FROM columns
        WHERE environment = ? ORDER BY unique_id, column_index""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String d = r.getString(3);
          columns.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
              .add(d == null || d.isBlank() ? r.getString(2) : r.getString(2) + ": " + d);
        }
      }
    }
    int count = 0;
    try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer));
        PreparedStatement s = c.prepareStatement("""
            SELECT unique_id, resource_type, name, package_name, description, raw_code,
                   relation_name, tags, meta, original_file_path, materialized, access, path
            FROM nodes WHERE environment = ?""")) {
      s.setString(1, environment);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          w.addDocument(document(r, columns.getOrDefault(r.getString(1), List.of())));
          count++;
        }
      }
    }
    return count;
  }

  private static Document document(ResultSet r, List<String> columns) throws SQLException {
    String uid = r.getString(1);
    String type = r.getString(2);
    String name = r.getString(3);
    Document d = new Document();
    d.add(new StringField(UID, uid, Field.Store.YES));
    d.add(new SortedDocValuesField(UID, new org.apache.lucene.util.BytesRef(uid)));
    d.add(new StoredField("resource_type", type));
    d.add(new StringField(F_TYPE, lower(type), Field.Store.NO));
    text(d, SearchField.NAME, name);
    if (name != null) {
      d.add(new StringField(NAME_EXACT, lower(name), Field.Store.NO));
    }
    stored(d, "package_name", r.getString(4));
    text(d, SearchField.DESCRIPTION, r.getString(5));
    text(d, SearchField.CODE, r.getString(6));
    text(d, SearchField.RELATION, r.getString(7));
    for (String tag : Sql.strings(r.getArray(8))) {
      text(d, SearchField.TAG, tag);
      d.add(new StringField(F_TAG, lower(tag), Field.Store.NO));
    }
    stored(d, "meta", r.getString(9));
    stored(d, "file_path", r.getString(10));
    String materialized = r.getString(11);
    if (materialized != null) {
      d.add(new StringField(F_MATERIALIZED, lower(materialized), Field.Store.NO));
    }
    if ("model".equals(type)) {
      String access = r.getString(12);
      d.add(new StringField(F_ACCESS, access == null ? "protected" : lower(access), Field.Store.NO));
      d.add(new StringField(F_LAYER, ModelingLayers.of(name, r.getString(13)), Field.Store.NO));
    }
    for (String column : columns) {
      text(d, SearchField.COLUMN, column);
    }
    return d;
  }

  /**
   * @param q the query
   * @param offset hits to skip
   * @param limit hits to return at most
   */
  SearchResults search(SearchQuery q, int offset, int limit) {
    try {
      Set<SearchField> fields = q.fields().isEmpty() ? BOOSTS.keySet() : q.fields();
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      boolean blank = q.text().isBlank();
      if (blank) {
        b.add(new MatchAllDocsQuery(), Occur.MUST);
      } else {
        b.add(parse(q.text(), fields), Occur.MUST);
        if (fields.contains(SearchField.NAME)) {
          b.add(new BoostQuery(new TermQuery(new Term(NAME_EXACT, lower(q.text().strip()))),
              EXACT_NAME_BOOST), Occur.SHOULD);
        }
      }
      filter(b, F_TYPE, q.resourceTypes());
      filter(b, F_ACCESS, q.accessLevels());
      filter(b, F_MATERIALIZED, q.materializations());
      filter(b, F_LAYER, q.modelingLayers());
      filter(b, F_TAG, q.tags());
      Query query = b.build();
      int total = searcher.count(query);
      if (limit <= 0 || offset >= total) {
        return new SearchResults(total, offset, List.of());
      }
      Sort sort = blank ? new Sort(new SortField(UID, SortField.Type.STRING))
          : new Sort(SortField.FIELD_SCORE, new SortField(UID, SortField.Type.STRING));
      TopDocs top = searcher.search(query, Math.min(total, offset + limit), sort, !blank);
      ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(offset, top.scoreDocs.length),
          top.scoreDocs.length);
      List<SearchField> order = new ArrayList<>(fields);
      order.sort(null); // enum order: name, relation, tag, description, column, code
      SearchField[] matched = new SearchField[page.length];
      String[] highlight = new String[page.length];
      if (!blank) {
        highlight(query, page, order, matched, highlight);
      }
      List<SearchHit> hits = new ArrayList<>(page.length);
      for (int i = 0; i < page.length; i++) {
        Document d = searcher.storedFields().document(page[i].doc);
        if (!blank && matched[i] == null) { // matched only through a field the highlighter cannot show
          matched[i] = SearchField.NAME;
          highlight[i] = d.get(field(SearchField.NAME));
        }
        hits.add(new SearchHit(environment, d.get(UID), d.get(field(SearchField.NAME)),
            d.get("resource_type"), d.get("package_name"), d.get(field(SearchField.DESCRIPTION)),
            d.get("file_path"), List.of(d.getValues(field(SearchField.TAG))), d.get("meta"),
            matched[i], highlight[i], blank ? 0f : page[i].score));
      }
      return new SearchResults(total, offset, hits);
    } catch (IOException e) {
      throw new UncheckedIOException("searching environment '" + environment + "'", e);
    }
  }

  /**
   * Finds each hit's best-weighted matching field and its snippet: one field at a time, in order,
   * for the hits no earlier field matched, so the long code field is read only for hits that match
   * nowhere else.
   */
  private void highlight(Query query, ScoreDoc[] page, List<SearchField> order,
      SearchField[] matched, String[] highlight) throws IOException {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < page.length; i++) {
      open.add(i);
    }
    for (SearchField f : order) {
      if (open.isEmpty()) {
        return;
      }
      ScoreDoc[] docs = open.stream().map(i -> page[i]).toArray(ScoreDoc[]::new);
      String[] snippets = highlighter.highlight(field(f), query,
          new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs), 1);
      List<Integer> still = new ArrayList<>();
      for (int k = 0; k < docs.length; k++) {
        int i = open.get(k);
        if (snippets[k] != null) {
          matched[i] = f;
          highlight[i] = snippets[k];
        } else {
          still.add(i);
        }
      }
      open = still;
    }
  }

  private Query parse(String text, Set<SearchField> fields) {
    String[] names = fields.stream().sorted().map(SearchIndex::field).toArray(String[]::new);
    Map<String, Float> boosts = new HashMap<>();
    fields.forEach(f -> boosts.put(field(f), BOOSTS.get(f)));
    MultiFieldQueryParser parser = new MultiFieldQueryParser(names, analyzer, boosts);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setSplitOnWhitespace(true);
    parser.setAutoGeneratePhraseQueries(true); // stg_orders: the phrase "stg orders"
    try {
      return parser.parse(text);
    } catch (ParseException | RuntimeException e) {
      try {
        return parser.parse(QueryParser.escape(text));
      } catch (ParseException again) {
        throw new DbtLensException("cannot parse the search query '" + text + "': "
            + again.getMessage());
      }
    }
  }

  private static void filter(BooleanQuery.Builder b, String field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String v : values) {
      any.add(new TermQuery(new Term(field, lower(v.strip()))), Occur.SHOULD);
    }
    b.add(any.build(), Occur.FILTER);
  }

  static String field(SearchField f) {
    return f.apiName();
  }

  private static void text(Document d, SearchField f, String value) {
    if (value != null && !value.isEmpty()) {
      d.add(new Field(field(f), value, TEXT_WITH_OFFSETS));
    }
  }

  private static void stored(Document d, String name, String value) {
    if (value != null) {
      d.add(new StoredField(name, value));
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
