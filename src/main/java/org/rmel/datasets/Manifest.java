package org.rmel.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rmel.fetch.AtomicFiles;

/**
 * {@code manifest.json} next to the data files: for every fetched benchmark, the SHA-256 of the
 * file as written, its size and problem count, and where it came from. {@code datasets verify}
 * and a re-fetch compare the files against it, so a file edited or damaged on disk is noticed.
 */
public final class Manifest {
    public static final String FILE_NAME = "manifest.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One fetched benchmark file. */
    public record Entry(String file, String sha256, long bytes, int problems,
                        String sourceUrl, String sourceSha256, String fetched) {
    }

    private final Map<String, Entry> entries;

    private Manifest(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Manifest empty() {
        return new Manifest(new TreeMap<>());
    }

    /** Reads the manifest, or an empty one when the folder has none yet. */
    public static Manifest read(Path file) throws DatasetException {
        if (!Files.exists(file)) {
            return empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO, file + ": not valid JSON (line "
                    + e.getLocation().getLineNr() + "); delete it and fetch again");
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO, file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode files = root == null ? null : root.get("files");
        if (files == null || !files.isObject()) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO,
                    file + ": field \"files\" missing; delete it and fetch again");
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            String sha = n.path("sha256").asText("");
            if (sha.isEmpty()) {
                throw new DatasetException(DatasetException.Kind.LOCAL_IO,
                        file + ": field \"files." + e.getKey() + ".sha256\" missing; delete it and fetch again");
            }
            entries.put(e.getKey(), new Entry(n.path("file").asText(e.getKey() + ".jsonl"), sha,
                    n.path("bytes").asLong(), n.path("problems").asInt(), n.path("source_url").asText(""),
                    n.path("source_sha256").asText(""), n.path("fetched").asText("")));
        }
        return new Manifest(entries);
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }

    public Manifest with(String name, Entry entry) {
        Map<String, Entry> copy = new TreeMap<>(entries);
        copy.put(name, entry);
        return new Manifest(copy);
    }

    /** Writes the manifest atomically (temp file in the same folder, then a move). */
    public void write(Path file) throws DatasetException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode files = root.putObject("files");
        entries.forEach((name, e) -> {
            ObjectNode n = files.putObject(name);
            n.put("file", e.file());
            n.put("sha256", e.sha256());
            n.put("bytes", e.bytes());
            n.put("problems", e.problems());
            n.put("source_url", e.sourceUrl());
            n.put("source_sha256", e.sourceSha256());
            n.put("fetched", e.fetched());
        });
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO, file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
