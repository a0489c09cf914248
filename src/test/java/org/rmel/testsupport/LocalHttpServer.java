package org.rmel.testsupport;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server on 127.0.0.1 (ephemeral port) for download tests: serves bytes by path
 * (honouring {@code Range: bytes=N-} with 206 and {@code Content-Range}), and misbehaves on
 * purpose: a status code, a connection cut mid-file (declared length, fewer bytes, then closed or
 * reset), a stall, a redirect with extra headers. Every request's path and Range header is logged.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** Answers one exchange. */
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** One request as received: method, path and its Range header ("" when none). */
    public record Request(String method, String path, String range) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> rawSockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(new Request(exchange.getRequestMethod(), path, range == null ? "" : range));
            Responder r = routes.get(path);
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

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Paths requested so far, in order. */
    public List<String> paths() {
        return requests.stream().map(Request::path).toList();
    }

    public void route(String path, Responder responder) {
        routes.put(path, responder);
    }

    /** Serves {@code bytes} at {@code path} with the given extra headers; a Range request gets 206. */
    public void serve(String path, byte[] bytes, Map<String, String> headers) {
        routes.put(path, bytesResponder(bytes, headers));
    }

    private static Responder bytesResponder(byte[] bytes, Map<String, String> headers) {
        return exchange -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Content-Length", Long.toString(bytes.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            int from = rangeStart(exchange);
            if (from > bytes.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            if (from > 0) {
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
                exchange.sendResponseHeaders(206, bytes.length - from);
            } else {
                exchange.sendResponseHeaders(200, bytes.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, from, bytes.length - from);
            }
        };
    }

    public void serve(String path, byte[] bytes) {
        serve(path, bytes, Map.of());
    }

    public void serve(String path, String body, Map<String, String> headers) {
        serve(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Serves {@code bytes} but ignores Range: a server without resume support (always 200, whole file). */
    public void serveIgnoringRange(String path, byte[] bytes) {
        routes.put(path, exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    public void status(String path, int status) {
        routes.put(path, exchange -> exchange.sendResponseHeaders(status, -1));
    }

    /**
     * Declares the whole length, sends only the first {@code sent} bytes, then closes the socket
     * ({@code reset}: with a TCP reset, as a dropped connection looks). Written on a raw socket,
     * reached by a redirect, because the JDK's HttpServer would keep the connection open instead.
     * Only the next request at {@code path} misbehaves; later ones get the whole file with Range support.
     */
    public void cutOnce(String path, byte[] bytes, int sent, boolean reset) {
        Responder whole = bytesResponder(bytes, Map.of());
        boolean[] used = {false};
        routes.put(path, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                whole.respond(exchange);
                return;
            }
            synchronized (used) {
                if (used[0]) {
                    whole.respond(exchange);
                    return;
                }
                used[0] = true;
            }
            exchange.getResponseHeaders().add("Location", rawServer(bytes, sent, reset).toString());
            exchange.sendResponseHeaders(302, -1);
        });
    }

    /** Like {@link #cutOnce} but every request is cut at the same place. */
    public void cutAlways(String path, byte[] bytes, int sent) {
        Responder whole = bytesResponder(bytes, Map.of());
        routes.put(path, exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                whole.respond(exchange);
                return;
            }
            exchange.getResponseHeaders().add("Location", rawServer(bytes, sent, false).toString());
            exchange.sendResponseHeaders(302, -1);
        });
    }

    private URI rawServer(byte[] bytes, int sent, boolean reset) throws IOException {
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
                if (reset) {
                    client.setSoLinger(true, 0); // close with RST instead of FIN
                }
            } catch (IOException ignored) {
                // the test sees the outcome on the client side
            }
        }, "cutting-server");
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/cut");
    }

    /**
     * A port that answers any connection with a plain-text HTTP error and hangs up: an https
     * client fails its TLS handshake there, as it does when a proxy's certificate is not trusted.
     */
    public URI plainTextPortForTls() throws IOException {
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

    /** Sends headers and half the body, then stalls for {@code stallMillis} (or until closed). */
    public void serveStalling(String path, byte[] bytes, long stallMillis) {
        routes.put(path, exchange -> {
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

    /** A 302 to {@code target} with the given extra headers. */
    public void redirect(String path, URI target, Map<String, String> headers) {
        routes.put(path, exchange -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Location", target.toString());
            exchange.sendResponseHeaders(302, -1);
        });
    }

    /** A local port with nothing listening: connecting to it is refused, as when offline. */
    public static URI closedPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    private static int rangeStart(HttpExchange exchange) {
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null) {
            return 0;
        }
        Matcher m = RANGE.matcher(range.trim());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
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
