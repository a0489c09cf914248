package org.rmel.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rmel.fetch.Checksums;

/** How a benchmark's file in the data folder compares with the manifest. */
public record FileState(DatasetSource source, Path file, Kind kind, Optional<Manifest.Entry> recorded, String actualSha256) {

    public enum Kind {
        /** No file and no record. */
        MISSING("missing"),
        /** The file hashes to the recorded SHA-256. */
        OK("present, checksum ok"),
        /** The file exists but hashes to something else than recorded: edited or damaged. */
        MODIFIED("CHECKSUM MISMATCH"),
        /** Recorded as fetched, but the file is gone. */
        DELETED("recorded but file missing"),
        /** A file is there that this command did not fetch (copied in by hand); not checked. */
        UNRECORDED("present, not fetched here (no checksum)");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Inspects the file of {@code source} in {@code folder} against {@code manifest}. */
    public static FileState of(DatasetSource source, DataFolder folder, Manifest manifest) {
        Path file = folder.fileOf(source);
        Optional<Manifest.Entry> entry = manifest.get(source.name());
        if (!Files.isRegularFile(file)) {
            return new FileState(source, file, entry.isPresent() ? Kind.DELETED : Kind.MISSING, entry, null);
        }
        if (entry.isEmpty()) {
            return new FileState(source, file, Kind.UNRECORDED, entry, null);
        }
        String sha;
        try {
            sha = Checksums.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        return new FileState(source, file, sha.equals(entry.get().sha256()) ? Kind.OK : Kind.MODIFIED, entry, sha);
    }

    public boolean isPresent() {
        return kind == Kind.OK || kind == Kind.MODIFIED || kind == Kind.UNRECORDED;
    }
}
