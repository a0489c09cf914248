package org.rmel.datasets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rmel.fetch.Checksums;
import org.rmel.fetch.FetchException;
import org.rmel.fetch.Fetcher;

/**
 * Downloads one file from the hub into a given temp file (through {@link Fetcher}: a connect
 * timeout and a limit on the whole transfer) and checks the bytes against the SHA-256 the hub
 * advertises.
 *
 * <p>For files kept in Git LFS the hub's {@code resolve} answer is a redirect carrying
 * {@code X-Linked-Etag: "<sha256>"}; the storage behind it sends the same value as {@code ETag}.
 * Any 64-hex-digit tag seen along the redirect chain is taken as the expected SHA-256. Small
 * files kept in Git directly carry a 40-digit Git object id instead, which is not a content hash
 * and is ignored; those are still protected by the manifest from then on.
 */
public final class HubDownloader {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** The file as downloaded. */
    public record Download(Path file, String sha256, long bytes) {
    }

    private final Fetcher fetcher;

    public HubDownloader(Duration connectTimeout, Duration transferLimit) {
        this.fetcher = new Fetcher(connectTimeout, transferLimit, null);
    }

    /**
     * Downloads {@code url} into {@code temp} (overwritten). On any failure the caller deletes
     * {@code temp}; nothing else is touched.
     */
    public Download download(URI url, Path temp, String userAgent) throws DatasetException {
        Fetcher.Fetched fetched;
        try {
            fetched = fetcher.fetch(url, temp, Fetcher.Options.of(userAgent));
        } catch (FetchException e) {
            throw switch (e.kind()) {
                case UNREACHABLE -> new DatasetException(DatasetException.Kind.UNREACHABLE, e.getMessage(), e);
                case HTTP_STATUS -> new DatasetException(DatasetException.Kind.HTTP_STATUS,
                        e.getMessage() + explainStatus(e.status()), e);
                case INCOMPLETE -> new DatasetException(DatasetException.Kind.INCOMPLETE, e.getMessage(), e);
                case LOCAL_IO -> new DatasetException(DatasetException.Kind.LOCAL_IO, e.getMessage(), e);
            };
        }
        try {
            String sha = Checksums.sha256(temp);
            Optional<String> advertised = advertisedSha256(fetched.response());
            if (advertised.isPresent() && !advertised.get().equals(sha)) {
                throw new DatasetException(DatasetException.Kind.CHECKSUM_MISMATCH, url
                        + ": checksum mismatch: the server advertises SHA-256 " + advertised.get()
                        + " but the downloaded bytes hash to " + sha + "; nothing was written");
            }
            return new Download(temp, sha, fetched.bytes());
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO, temp + ": cannot read back: " + e.getMessage(), e);
        }
    }

    private static Optional<String> advertisedSha256(HttpResponse<?> last) {
        for (HttpResponse<?> r = last; r != null; r = r.previousResponse().orElse(null)) {
            for (String name : new String[] {"X-Linked-Etag", "ETag"}) {
                Optional<String> sha = r.headers().firstValue(name).map(HubDownloader::bareTag)
                        .filter(t -> SHA256_HEX.matcher(t).matches());
                if (sha.isPresent()) {
                    return sha;
                }
            }
        }
        return Optional.empty();
    }

    private static String bareTag(String etag) {
        String t = etag.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        return t.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String explainStatus(int status) {
        return switch (status) {
            case 401, 403 -> " (the repository may be gated or private; this command fetches public files only)";
            case 404 -> " (no such repository or file; the registry entry or --hub-url may be wrong)";
            case 429 -> " (rate limited; try again later)";
            default -> status >= 500 ? " (a server-side problem; try again later)" : "";
        };
    }
}
