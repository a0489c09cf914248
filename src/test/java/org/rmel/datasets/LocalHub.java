package org.rmel.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.rmel.testsupport.LocalHttpServer;

/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1 (ephemeral port): serves files under the
 * hub's {@code /datasets/REPO/resolve/main/FILE} paths, and can misbehave on purpose (404,
 * connection cut mid-file, stall, redirect with an advertised checksum). The HTTP work is the
 * shared {@link LocalHttpServer}.
 */
final class LocalHub implements AutoCloseable {
    private final LocalHttpServer server;

    LocalHub() throws IOException {
        server = new LocalHttpServer();
    }

    URI uri() {
        return server.uri();
    }

    /** Paths requested so far, in order. */
    List<String> requests() {
        return server.paths();
    }

    static String path(DatasetSource source) {
        return "/datasets/" + source.repo() + "/resolve/main/" + source.file();
    }

    void serve(DatasetSource source, String body) {
        serve(path(source), body, Map.of());
    }

    void serve(String path, String body, Map<String, String> headers) {
        server.serve(path, body, headers);
    }

    /** Declares the whole length, sends only the first {@code sent} bytes, then closes the socket. */
    void serveTruncated(DatasetSource source, String body, int sent) {
        server.cutAlways(path(source), body.getBytes(StandardCharsets.UTF_8), sent);
    }

    URI plainTextPortForTls() throws IOException {
        return server.plainTextPortForTls();
    }

    /** Sends headers and part of the body, then stalls for {@code stallMillis}. */
    void serveStalling(DatasetSource source, String body, long stallMillis) {
        server.serveStalling(path(source), body.getBytes(StandardCharsets.UTF_8), stallMillis);
    }

    /** Like the hub for LFS files: a 302 with {@code X-Linked-Etag} to the real bytes elsewhere. */
    void serveViaRedirect(DatasetSource source, String body, String linkedEtag) {
        String storage = "/storage/" + source.name();
        serve(storage, body, Map.of());
        server.redirect(path(source), URI.create(uri() + storage), Map.of("X-Linked-Etag", "\"" + linkedEtag + "\""));
    }

    void status(DatasetSource source, int status) {
        server.status(path(source), status);
    }

    /** A local port with nothing listening: connecting to it is refused, as when offline. */
    static URI closedPort() throws IOException {
        return LocalHttpServer.closedPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
