package org.rmel.datasets;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Downloads one file over HTTP(S) into a given temp file, with a connect timeout and a limit on
 * the whole transfer, and checks the bytes against the SHA-256 the hub advertises.
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

    private final HttpClient client;
    private final Duration transferLimit;

    public HubDownloader(Duration connectTimeout, Duration transferLimit) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.transferLimit = transferLimit;
    }

    /**
     * Downloads {@code url} into {@code temp} (overwritten). On any failure the caller deletes
     * {@code temp}; nothing else is touched.
     */
    public Download download(URI url, Path temp, String userAgent) throws DatasetException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(transferLimit)
                .header("User-Agent", userAgent)
                .GET()
                .build();
        HttpResponse.BodyHandler<Path> toTempOnSuccess = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.ofFile(temp)
                : HttpResponse.BodySubscribers.replacing(null);
        CompletableFuture<HttpResponse<Path>> pending = client.sendAsync(request, toTempOnSuccess);
        HttpResponse<Path> response;
        try {
            response = pending.get(transferLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new DatasetException(DatasetException.Kind.INCOMPLETE,
                    url + ": the download did not finish within " + transferLimit.toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new DatasetException(DatasetException.Kind.INCOMPLETE, url + ": interrupted");
        } catch (ExecutionException e) {
            throw classify(url, e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new DatasetException(DatasetException.Kind.HTTP_STATUS, url + ": the server answered HTTP "
                    + response.statusCode() + explainStatus(response.statusCode()));
        }
        try {
            long bytes = Files.size(temp);
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared >= 0 && declared != bytes) {
                throw new DatasetException(DatasetException.Kind.INCOMPLETE, url + ": received " + bytes
                        + " of " + declared + " bytes; the connection broke off");
            }
            String sha = Checksums.sha256(temp);
            Optional<String> advertised = advertisedSha256(response);
            if (advertised.isPresent() && !advertised.get().equals(sha)) {
                throw new DatasetException(DatasetException.Kind.CHECKSUM_MISMATCH, url
                        + ": checksum mismatch: the server advertises SHA-256 " + advertised.get()
                        + " but the downloaded bytes hash to " + sha + "; nothing was written");
            }
            return new Download(temp, sha, bytes);
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

    private static DatasetException classify(URI url, Throwable cause) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        if (chain.stream().anyMatch(HubDownloader::isNoConnection)) {
            return new DatasetException(DatasetException.Kind.UNREACHABLE, "cannot reach " + url.getScheme() + "://"
                    + url.getAuthority() + " (" + whyNoConnection(chain) + ") while fetching " + url, cause);
        }
        Optional<Throwable> tls = chain.stream().filter(t -> t instanceof SSLException).findFirst();
        if (tls.isPresent()) {
            return new DatasetException(DatasetException.Kind.UNREACHABLE, "cannot reach " + url.getScheme() + "://"
                    + url.getAuthority() + " securely (" + tls.get().getMessage() + ") while fetching " + url
                    + ". If this network inspects TLS with its own certificate authority, run with "
                    + "JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=/etc/ssl/certs/java/cacerts (the system's "
                    + "trust store) or ask for the proxy's certificate", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new DatasetException(DatasetException.Kind.INCOMPLETE,
                    url + ": no answer in time (" + cause.getMessage() + ")", cause);
        }
        String why = chain.stream().map(Throwable::getMessage).filter(m -> m != null && !m.isBlank())
                .findFirst().orElse(cause.getClass().getSimpleName());
        return new DatasetException(DatasetException.Kind.INCOMPLETE,
                url + ": the download broke off (" + why + ")", cause);
    }

    /** The JDK wraps the real reason a few levels deep, often without a message; name it plainly. */
    private static String whyNoConnection(List<Throwable> chain) {
        if (chain.stream().anyMatch(t -> t instanceof UnresolvedAddressException || t instanceof UnknownHostException)) {
            return "host name not found";
        }
        if (chain.stream().anyMatch(t -> t instanceof HttpConnectTimeoutException)) {
            return "connection timed out";
        }
        return chain.stream().filter(t -> t instanceof ConnectException).map(Throwable::getMessage)
                .filter(m -> m != null && !m.isBlank()).findFirst().orElse("connection refused");
    }

    private static boolean isNoConnection(Throwable t) {
        return t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                || t instanceof UnknownHostException || t instanceof UnresolvedAddressException;
    }
}
