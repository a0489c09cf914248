package org.rmel.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Downloads one URL over HTTP(S) into a file, streaming, with a connect timeout, an optional limit
 * on the whole transfer, an optional stall limit (no byte for that long), progress reports, a
 * check of the received length against the declared one, and resume: with {@link Options#resume}
 * an existing partial file is continued with an HTTP {@code Range} request (a server that ignores
 * the range sends the whole file again, which is then written from the start). A failed transfer
 * keeps what arrived, so the next resume continues it; the caller decides what to keep.
 */
public final class Fetcher {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Called after every received chunk; {@code total} is -1 when the server did not say. */
    public interface Listener {
        void progress(long bytes, long total);
    }

    /**
     * @param userAgent sent as {@code User-Agent}
     * @param resume continue an existing partial file instead of starting over
     * @param listener progress reports (may be null)
     */
    public record Options(String userAgent, boolean resume, Listener listener) {
        public static Options of(String userAgent) {
            return new Options(userAgent, false, null);
        }
    }

    /**
     * The completed download.
     *
     * @param bytes the file's length
     * @param resumedFrom bytes that were already there and kept (0 for a fresh download)
     * @param response the final response; {@code previousResponse()} walks the redirect chain
     */
    public record Fetched(Path file, long bytes, long resumedFrom, HttpResponse<?> response) {
    }

    private final HttpClient client;
    private final Duration transferLimit;
    private final Duration stallLimit;

    /**
     * @param transferLimit the whole transfer must end within this (null: no limit)
     * @param stallLimit the transfer is broken off when no byte arrives for this long (null: none)
     */
    public Fetcher(Duration connectTimeout, Duration transferLimit, Duration stallLimit) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.transferLimit = transferLimit;
        this.stallLimit = stallLimit;
    }

    /** The length the server declares for {@code url} (HEAD), or -1 when it does not say or fails. */
    public long declaredLength(URI url, String userAgent) {
        HttpRequest request = HttpRequest.newBuilder(url).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", userAgent).timeout(headerWait()).build();
        try {
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? r.headers().firstValueAsLong("Content-Length").orElse(-1) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Downloads {@code url} into {@code file} (continuing it with {@code options.resume()}). */
    public Fetched fetch(URI url, Path file, Options options) throws FetchException {
        long have = 0;
        try {
            if (options.resume() && Files.isRegularFile(file)) {
                have = Files.size(file);
            }
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.LOCAL_IO, file + ": cannot read: " + e.getMessage(), e);
        }
        long deadline = transferLimit == null ? Long.MAX_VALUE : System.nanoTime() + transferLimit.toNanos();
        HttpResponse<InputStream> response = send(url, options.userAgent(), have, deadline);
        int status = response.statusCode();
        long total;
        boolean append;
        if (status == 206 && have > 0) {
            Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                closeQuietly(response.body());
                return fetch(url, file, new Options(options.userAgent(), false, options.listener()));
            }
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            append = true;
        } else if (status == 416 && have > 0) {
            closeQuietly(response.body());
            Matcher m = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (m.matches() && Long.parseLong(m.group(1)) == have) {
                return new Fetched(file, have, have, response); // the partial file was already whole
            }
            return fetch(url, file, new Options(options.userAgent(), false, options.listener()));
        } else if (status == 200) {
            total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            append = false;
            have = 0;
        } else {
            closeQuietly(response.body());
            throw new FetchException(FetchException.Kind.HTTP_STATUS, status,
                    url + ": the server answered HTTP " + status, null);
        }
        long bytes = copy(url, response.body(), file, append, have, total, deadline, options.listener());
        if (total >= 0 && bytes != total) {
            throw new FetchException(FetchException.Kind.INCOMPLETE, url + ": received " + bytes + " of " + total
                    + " bytes; the connection broke off", null);
        }
        return new Fetched(file, bytes, have, response);
    }

    private HttpResponse<InputStream> send(URI url, String userAgent, long have, long deadline)
            throws FetchException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("User-Agent", userAgent).timeout(headerWait()).GET();
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            long waitNanos = Math.min(deadline - System.nanoTime(), headerWait().toNanos());
            return pending.get(Math.max(1, waitNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(url, deadline);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.INCOMPLETE, url + ": interrupted", e);
        } catch (ExecutionException e) {
            throw classify(url, e.getCause());
        }
    }

    private Duration headerWait() {
        Duration wait = Duration.ofMinutes(2);
        if (stallLimit != null && stallLimit.compareTo(wait) < 0) {
            wait = stallLimit;
        }
        if (transferLimit != null && transferLimit.compareTo(wait) < 0) {
            wait = transferLimit;
        }
        return wait;
    }

    private FetchException timedOut(URI url, long deadline) {
        if (System.nanoTime() >= deadline && transferLimit != null) {
            return new FetchException(FetchException.Kind.INCOMPLETE,
                    url + ": the download did not finish within " + transferLimit.toSeconds() + " s", null);
        }
        return new FetchException(FetchException.Kind.INCOMPLETE, url + ": no data for "
                + headerWait().toSeconds() + " s; the download stalled", null);
    }

    /** Streams the body into the file; the watchdog closes the body on a stall or at the deadline. */
    private long copy(URI url, InputStream body, Path file, boolean append, long have, long total, long deadline,
            Listener listener) throws FetchException {
        Watch watch = new Watch(body, deadline);
        long bytes = have;
        OutputStream out;
        try {
            out = append ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(file);
        } catch (IOException e) {
            closeQuietly(body);
            throw new FetchException(FetchException.Kind.LOCAL_IO, file + ": cannot write: " + e.getMessage(), e);
        }
        ScheduledFuture<?> task = WATCHDOG.scheduleAtFixedRate(watch::check, 100, 100, TimeUnit.MILLISECONDS);
        try (InputStream in = body; OutputStream o = out) {
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw watch.reason(url).orElseGet(() -> brokeOff(url, e));
                }
                if (n < 0) {
                    break;
                }
                watch.progressed();
                try {
                    o.write(buffer, 0, n);
                } catch (IOException e) {
                    throw watch.reason(url).orElseGet(() -> new FetchException(FetchException.Kind.LOCAL_IO,
                            file + ": cannot write: " + e.getMessage(), e));
                }
                bytes += n;
                if (listener != null) {
                    listener.progress(bytes, total);
                }
            }
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.LOCAL_IO, file + ": cannot write: " + e.getMessage(), e);
        } finally {
            task.cancel(false);
            watch.finish();
        }
        return bytes;
    }

    private static FetchException brokeOff(URI url, IOException e) {
        // the JDK's response stream reports "closed" and keeps the real reason as the cause
        Throwable reason = e.getCause() != null && "closed".equals(e.getMessage()) ? e.getCause() : e;
        String why = reason.getMessage() == null || reason.getMessage().isBlank() ? reason.getClass().getSimpleName()
                : reason.getMessage();
        return new FetchException(FetchException.Kind.INCOMPLETE, url + ": the download broke off (" + why + ")", e);
    }

    /**
     * Closes the body when the deadline passes or no byte came for the stall limit: a blocked read
     * then ends with an exception (the JDK's response stream ignores interrupts).
     */
    private final class Watch {
        private final InputStream body;
        private final long deadline;
        private volatile long lastByte = System.nanoTime();
        private boolean done;
        private String reason;

        Watch(InputStream body, long deadline) {
            this.body = body;
            this.deadline = deadline;
        }

        void progressed() {
            lastByte = System.nanoTime();
        }

        synchronized void check() {
            if (done || reason != null) {
                return;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                reason = "the download did not finish within " + transferLimit.toSeconds() + " s";
            } else if (stallLimit != null && now - lastByte > stallLimit.toNanos()) {
                reason = "no data for " + stallLimit.toSeconds() + " s; the download stalled";
            } else {
                return;
            }
            closeQuietly(body);
        }

        synchronized Optional<FetchException> reason(URI url) {
            return Optional.ofNullable(reason).map(r -> new FetchException(FetchException.Kind.INCOMPLETE,
                    url + ": " + r, null));
        }

        synchronized void finish() {
            done = true;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from a response we do not use
        }
    }

    /** Names the reason a request failed before any response: no connection, TLS, time-out, other. */
    static FetchException classify(URI url, Throwable cause) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        if (chain.stream().anyMatch(Fetcher::isNoConnection)) {
            return new FetchException(FetchException.Kind.UNREACHABLE, "cannot reach " + url.getScheme() + "://"
                    + url.getAuthority() + " (" + whyNoConnection(chain) + ") while fetching " + url, cause);
        }
        Optional<Throwable> tls = chain.stream().filter(t -> t instanceof SSLException).findFirst();
        if (tls.isPresent()) {
            return new FetchException(FetchException.Kind.UNREACHABLE, "cannot reach " + url.getScheme() + "://"
                    + url.getAuthority() + " securely (" + tls.get().getMessage() + ") while fetching " + url
                    + ". If this network inspects TLS with its own certificate authority, run with "
                    + "JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=/etc/ssl/certs/java/cacerts (the system's "
                    + "trust store) or ask for the proxy's certificate", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchException(FetchException.Kind.INCOMPLETE,
                    url + ": no answer in time (" + cause.getMessage() + ")", cause);
        }
        String why = chain.stream().map(Throwable::getMessage).filter(m -> m != null && !m.isBlank())
                .findFirst().orElse(cause.getClass().getSimpleName());
        return new FetchException(FetchException.Kind.INCOMPLETE, url + ": the download broke off (" + why + ")", cause);
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
