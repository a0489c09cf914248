package org.rmel.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@value #FILE_NAME}: what {@code gpu setup} installed in a libtorch folder, written last (just
 * before the folder is moved into place): the version and flavor, where it came from, and every
 * file with its size and SHA-256, so a damaged or incomplete folder can be told from a whole one.
 */
public record InstallManifest(String version, String flavor, String source, String installed, List<Entry> files) {
    public static final String FILE_NAME = "rmel-libtorch.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One installed file. */
    public record Entry(String name, long bytes, String sha256) {
    }

    public InstallManifest {
        files = List.copyOf(files);
    }

    public void write(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("flavor", flavor);
        root.put("source", source);
        root.put("installed", installed);
        ArrayNode list = root.putArray("files");
        for (Entry e : files) {
            list.addObject().put("name", e.name()).put("bytes", e.bytes()).put("sha256", e.sha256());
        }
        Files.writeString(dir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** The manifest in {@code dir}; empty when there is none or it cannot be read. */
    public static Optional<InstallManifest> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Entry> files = new ArrayList<>();
            for (JsonNode f : root.path("files")) {
                files.add(new Entry(f.path("name").asText(), f.path("bytes").asLong(-1), f.path("sha256").asText()));
            }
            return Optional.of(new InstallManifest(root.path("version").asText(), root.path("flavor").asText(),
                    root.path("source").asText(), root.path("installed").asText(), files));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Files that are missing or have another size than recorded (a quick check; no hashing). */
    public List<String> damage(Path dir) {
        List<String> out = new ArrayList<>();
        for (Entry e : files) {
            Path f = dir.resolve(e.name());
            try {
                if (!Files.isRegularFile(f)) {
                    out.add(e.name() + " is missing");
                } else if (Files.size(f) != e.bytes()) {
                    out.add(e.name() + " has " + Files.size(f) + " bytes, not " + e.bytes());
                }
            } catch (IOException ex) {
                out.add(e.name() + " cannot be read (" + ex.getMessage() + ")");
            }
        }
        return out;
    }
}
