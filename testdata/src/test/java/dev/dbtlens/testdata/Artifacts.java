package dev.dbtlens.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Small helpers to read generated artifacts in tests. */
final class Artifacts {
    static final ObjectMapper JSON = new ObjectMapper();

    private Artifacts() {
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invocation folders ({@code 001-build}, ...) in order. */
    static List<Path> invocations(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every artifact file under the root, sorted. */
    static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path inv : invocations(root)) {
            try (Stream<Path> s = Files.list(inv)) {
                s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            out.add(e.getKey());
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
