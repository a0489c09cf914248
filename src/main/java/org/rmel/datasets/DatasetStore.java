package org.rmel.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.rmel.fetch.Checksums;
import org.rmel.fetch.AtomicFiles;

/**
 * The benchmark files in one data folder: what is there, fetching from the hub, and checking
 * files against the manifest. Each fetched file is downloaded and converted into hidden temp
 * files and moved into place only when complete, so a failed fetch leaves the previous file (or
 * no file) and never a half-written one.
 */
public final class DatasetStore {
    /** What a fetch did. */
    public enum Outcome { FETCHED, UP_TO_DATE, KEPT_UNRECORDED }

    /** The result of fetching one benchmark; {@code note} is a line for the user. */
    public record FetchResult(DatasetSource source, Outcome outcome, Path file, String note) {
    }

    private final DataFolder folder;
    private final URI hub;
    private final HubDownloader downloader;
    private final String userAgent;

    public DatasetStore(DataFolder folder, URI hub, HubDownloader downloader, String userAgent) {
        this.folder = folder;
        this.hub = hub;
        this.downloader = downloader;
        this.userAgent = userAgent;
    }

    public DataFolder folder() {
        return folder;
    }

    public URI hub() {
        return hub;
    }

    /** The state of every known benchmark, in registry order. */
    public List<FileState> states() throws DatasetException {
        Manifest manifest = Manifest.read(folder.manifest());
        List<FileState> states = new ArrayList<>();
        for (DatasetSource source : DatasetRegistry.all()) {
            states.add(stateOf(source, manifest));
        }
        return states;
    }

    public FileState state(DatasetSource source) throws DatasetException {
        return stateOf(source, Manifest.read(folder.manifest()));
    }

    /**
     * Fetches one benchmark. A file whose checksum matches the manifest is left alone unless
     * {@code force}; a file copied in by hand (no manifest record) is kept unless {@code force};
     * a file that no longer matches its checksum is fetched again and the mismatch reported.
     */
    public FetchResult fetch(DatasetSource source, boolean force) throws DatasetException {
        Manifest manifest = Manifest.read(folder.manifest());
        FileState before = stateOf(source, manifest);
        if (!force && before.kind() == FileState.Kind.OK) {
            return new FetchResult(source, Outcome.UP_TO_DATE, before.file(),
                    "up to date (sha256 " + before.actualSha256() + ")");
        }
        if (!force && before.kind() == FileState.Kind.UNRECORDED) {
            return new FetchResult(source, Outcome.KEPT_UNRECORDED, before.file(),
                    "kept the existing file, which was not fetched by this command (use --force to replace it)");
        }
        URI url = source.url(hub);
        Path target = before.file();
        Path raw = null;
        Path converted = null;
        try {
            Files.createDirectories(folder.path());
            raw = AtomicFiles.tempNextTo(target, ".download");
            converted = AtomicFiles.tempNextTo(target, ".tmp");
            HubDownloader.Download download = downloader.download(url, raw, userAgent);
            int problems = HubLayoutConverter.convert(source, raw, converted, url.toString());
            String sha = Checksums.sha256(converted);
            long bytes = Files.size(converted);
            AtomicFiles.moveIntoPlace(converted, target);
            Manifest.Entry entry = new Manifest.Entry(source.localFileName(), sha, bytes, problems, url.toString(),
                    download.sha256(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            Manifest.read(folder.manifest()).with(source.name(), entry).write(folder.manifest());
            return new FetchResult(source, Outcome.FETCHED, target, note(source, before, problems, sha, download));
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO,
                    folder.path() + ": cannot write in the data folder: " + e.getMessage(), e);
        } finally {
            deleteQuietly(raw);
            deleteQuietly(converted);
        }
    }

    private static String note(DatasetSource source, FileState before, int problems, String sha,
                               HubDownloader.Download download) {
        StringBuilder s = new StringBuilder("fetched " + problems + " problems (sha256 " + sha + ")");
        if (problems != source.expectedProblems()) {
            s.append("; note: the standard ").append(source.title()).append(" file has ")
                    .append(source.expectedProblems()).append(" problems");
        }
        if (before.kind() == FileState.Kind.MODIFIED) {
            s.append("; replaced a file whose checksum no longer matched the manifest");
        }
        before.recorded().filter(e -> !e.sourceSha256().isEmpty() && !e.sourceSha256().equals(download.sha256()))
                .ifPresent(e -> s.append("; the upstream file changed since the last fetch"));
        return s.toString();
    }

    private FileState stateOf(DatasetSource source, Manifest manifest) throws DatasetException {
        try {
            return FileState.of(source, folder, manifest);
        } catch (UncheckedIOException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO, e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A leftover hidden temp file is harmless; the next fetch makes a fresh one.
        }
    }
}
