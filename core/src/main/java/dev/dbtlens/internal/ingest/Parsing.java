package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.dbtlens.ArtifactFormatException;
import java.io.CharConversionException;
import java.io.IOException;

/** Shared steps of the streaming parsers, and translation of Jackson's errors into ours. */
final class Parsing {
  private static final int MAX_PATH = 160;

  private Parsing() {}

  static void expectRootObject(JsonParser p, Reading reading) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw reading.error(null, "the file is empty");
    }
    if (t != JsonToken.START_OBJECT) {
      throw reading.error("$", "expected a JSON object at the top level, found " + t.asString());
    }
  }

  /** Positions the parser on an object's START_OBJECT or fails naming the path. */
  static void expectObject(JsonParser p, Reading reading) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw reading.error(Json.path(p), "expected an object, found " + describe(p.currentToken()));
    }
  }

  static void expectArray(JsonParser p, Reading reading) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw reading.error(Json.path(p), "expected an array, found " + describe(p.currentToken()));
    }
  }

  /** Called with each object of a top-level {@code results} array, its JSON path and index. */
  @FunctionalInterface
  interface ResultHandler {
    void handle(com.fasterxml.jackson.databind.JsonNode result, String path, int index);
  }

  /**
   * Streams the array the parser is on, one object at a time.
   *
   * @return how many results there were
   */
  static int eachResult(JsonParser p, Reading reading, ResultHandler handler) throws IOException {
    expectArray(p, reading);
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      expectObject(p, reading);
      handler.handle(p.readValueAsTree(), Json.element("$.results", index), index);
      index++;
    }
    return index;
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  /**
   * Translates a Jackson or I/O failure into an {@link ArtifactFormatException} naming the file,
   * version and JSON path.
   */
  static ArtifactFormatException translate(IOException e, Reading reading, JsonParser p) {
    String path = null;
    if (e instanceof JsonProcessingException jpe && jpe.getProcessor() instanceof JsonParser jp) {
      path = shorten(Json.path(jp));
    } else if (p != null) {
      path = shorten(Json.path(p));
    }
    String problem;
    if (e instanceof StreamConstraintsException sce) {
      problem = "too deeply nested or too large: " + sce.getOriginalMessage();
    } else if (e instanceof JsonProcessingException jpe) {
      problem = invalid(jpe);
    } else if (e instanceof CharConversionException) {
      problem = "invalid UTF-8: " + e.getMessage();
    } else if (e instanceof java.util.zip.ZipException) {
      problem = "corrupt gzip data: " + e.getMessage();
    } else if (e instanceof java.io.EOFException) {
      problem = "truncated (compressed) data: " + e.getMessage();
    } else {
      problem = "cannot read: " + e;
    }
    return new ArtifactFormatException(reading.file(), reading.schemaVersion(), path, problem, e);
  }

  private static String invalid(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    if (msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("utf-8")) {
      return "invalid UTF-8 (" + firstLine(msg) + ")";
    }
    if (msg != null && msg.contains("end-of-input")) {
      return "truncated JSON (" + firstLine(msg) + ")";
    }
    String where = e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return "invalid JSON" + where + " (" + firstLine(msg) + ")";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String shorten(String path) {
    if (path.length() <= MAX_PATH) {
      return path;
    }
    return path.substring(0, MAX_PATH) + "... (" + path.length() + " characters)";
  }
}
