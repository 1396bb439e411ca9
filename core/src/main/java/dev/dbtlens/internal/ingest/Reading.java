package dev.dbtlens.internal.ingest;

import dev.dbtlens.internal.dbt.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dbtlens.ArtifactFormatException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The file being read and its declared version, so that every error can name the file, the schema
 * version and the JSON path; and the top-level members the loader met, to check the required ones.
 */
record Reading(Path file, String schemaVersion, Set<String> members) {

  Reading(Path file, String schemaVersion) {
    this(file, schemaVersion, new HashSet<>());
  }

  /** Notes a top-level member of the artifact. */
  void member(String name) {
    members.add(name);
  }

  ArtifactFormatException error(String jsonPath, String problem) {
    return new ArtifactFormatException(file, schemaVersion, jsonPath, problem, null);
  }

  /** A required string: present, not null, and textual. */
  String requiredText(JsonNode parent, String field, String parentPath) {
    JsonNode v = parent.get(field);
    String path = Json.child(parentPath, field);
    if (v == null || v.isNull()) {
      throw error(path, "required key '" + field + "' is missing");
    }
    if (!v.isTextual()) {
      throw error(path, "expected a string, found " + describe(v));
    }
    return v.textValue();
  }

  /** An optional number: absent or null gives null; anything but a number is an error. */
  Double optionalNumber(JsonNode parent, String field, String parentPath) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw error(Json.child(parentPath, field), "expected a number, found " + describe(v));
    }
    return v.doubleValue();
  }

  /** An optional integer count, tolerating a float that holds an integral value. */
  Long optionalLong(JsonNode parent, String field, String parentPath) {
    Double d = optionalNumber(parent, field, parentPath);
    return d == null ? null : Math.round(d);
  }

  /** An optional object: absent or null gives null; anything but an object is an error. */
  JsonNode optionalObject(JsonNode parent, String field, String parentPath) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw error(Json.child(parentPath, field), "expected an object, found " + describe(v));
    }
    return v;
  }

  /** An optional array: absent or null gives null; anything but an array is an error. */
  JsonNode optionalArray(JsonNode parent, String field, String parentPath) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw error(Json.child(parentPath, field), "expected an array, found " + describe(v));
    }
    return v;
  }

  static String describe(JsonNode v) {
    if (v.isTextual()) {
      String t = v.textValue();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
