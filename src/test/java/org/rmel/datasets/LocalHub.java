package org.rmel.datasets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1 (ephemeral port): serves files under the
 * hub's {@code /datasets/REPO/resolve/main/FILE} paths, and can misbehave on purpose (404,
 * connection cut mid-file, stall, redirect with an advertised checksum).
 */
final class LocalHub implements AutoCloseable {
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> rawSockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    LocalHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            Responder r = routes.get(exchange.getRequestURI().getPath());
            try {
                if (r == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    r.respond(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String path(DatasetSource source) {
        return "/datasets/" + source.repo() + "/resolve/main/" + source.file();
    }

    void serve(DatasetSource source, String body) {
        serve(path(source), body, Map.of());
    }

    void serve(String path, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        routes.put(path, exchange -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    /**
     * Declares the whole length, sends only the first {@code sent} bytes, then closes the socket.
     * Written on a raw socket because the JDK's HttpServer keeps the connection open instead.
     */
    void serveTruncated(DatasetSource source, String body, int sent) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        routes.put(path(source), exchange -> {
            exchange.getResponseHeaders().add("Location", rawServer(bytes, sent).toString());
            exchange.sendResponseHeaders(302, -1);
        });
    }

    private URI rawServer(byte[] bytes, int sent) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        rawSockets.add(socket);
        Thread t = new Thread(() -> {
            try (Socket client = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    // skip the request head
                }
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, sent);
                out.flush();
            } catch (IOException ignored) {
                // the test sees the outcome on the client side
            }
        }, "truncating-server");
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/truncated");
    }

    /**
     * A port that answers any connection with a plain-text HTTP error and hangs up: an https
     * client fails its TLS handshake there, as it does when a proxy's certificate is not trusted.
     */
    URI plainTextPortForTls() throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        rawSockets.add(socket);
        // Every connection gets the same plain-text answer: the HTTP client may retry a handshake
        // that failed on a reset, and a second connection left waiting in the backlog would turn
        // the handshake failure under test into a download time-out.
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the test sees the outcome on the client side
                }
            }
        }, "plain-text-server");
        t.setDaemon(true);
        t.start();
        return URI.create("https://127.0.0.1:" + socket.getLocalPort());
    }

    /** Sends headers and part of the body, then stalls for {@code stallMillis}. */
    void serveStalling(DatasetSource source, String body, long stallMillis) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        routes.put(path(source), exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            try {
                released.await(stallMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Like the hub for LFS files: a 302 with {@code X-Linked-Etag} to the real bytes elsewhere. */
    void serveViaRedirect(DatasetSource source, String body, String linkedEtag) {
        String storage = "/storage/" + source.name();
        serve(storage, body, Map.of());
        routes.put(path(source), exchange -> {
            exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + linkedEtag + "\"");
            exchange.getResponseHeaders().add("Location", uri() + storage);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    void status(DatasetSource source, int status) {
        routes.put(path(source), exchange -> exchange.sendResponseHeaders(status, -1));
    }

    /** A local port with nothing listening: connecting to it is refused, as when offline. */
    static URI closedPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        released.countDown();
        for (ServerSocket socket : rawSockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed after its one connection
            }
        }
        server.stop(0);
    }
}
