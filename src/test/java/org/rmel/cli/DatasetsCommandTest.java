package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code datasets} command as a user runs it: output, messages and exit codes. */
class DatasetsCommandTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = RmelCommand.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listShowsEveryKnownBenchmarkAndWhetherItIsPresent() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("aime24.jsonl"), "{\"problem\":\"p\",\"answer\":\"1\"}\n");
        Result r = run("datasets", "list", "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("data folder: " + data + " (from --data-dir)"), r.out());
        for (String name : new String[] {"math500", "aime24", "aime25", "amc23", "olympiadbench", "minervamath"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing in\n" + r.out());
        }
        String aime24 = r.out().lines().filter(l -> l.startsWith("aime24 ")).findFirst().orElseThrow();
        assertTrue(aime24.contains("present, not fetched here"), aime24);
        String math = r.out().lines().filter(l -> l.startsWith("math500 ")).findFirst().orElseThrow();
        assertTrue(math.contains("missing") && math.contains("HuggingFaceH4/MATH-500 test.jsonl"), math);
    }

    @Test
    void fetchWhenOfflineSaysSoNamesTheUrlAndExitsOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        Result r = run("datasets", "fetch", "--all", "--data-dir", data.toString(), "--hub-url", "http://127.0.0.1:" + port);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot reach http://127.0.0.1:" + port + " (connection refused)"), r.err());
        assertTrue(r.err().contains("http://127.0.0.1:" + port + "/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl"), r.err());
        assertTrue(r.err().contains("appears to be offline"), r.err());
        assertTrue(r.err().contains("Skipped: aime24, aime25, amc23, olympiadbench, minervamath."), r.err());
        assertFalse(Files.exists(data.resolve("math500.jsonl")));
    }

    @Test
    void fetchThenVerifyThenDetectAnEditedFile() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "{\"problem\": \"Find $n$.\", \"answer\": \"70\", \"id\": \"0\"}\n".getBytes(StandardCharsets.UTF_8);
        server.createContext("/datasets/math-ai/aime25/resolve/main/test.jsonl", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path data = dir.resolve("data");
            String hub = "http://127.0.0.1:" + server.getAddress().getPort();
            Result fetched = run("datasets", "fetch", "aime25", "--data-dir", data.toString(), "--hub-url", hub);
            assertEquals(0, fetched.exit(), fetched.err());
            assertTrue(fetched.out().contains("aime25: fetched 1 problems"), fetched.out());
            assertEquals("{\"problem\":\"Find $n$.\",\"answer\":\"70\"}\n", Files.readString(data.resolve("aime25.jsonl")));

            Result ok = run("datasets", "verify", "--data-dir", data.toString());
            assertEquals(0, ok.exit(), ok.out());
            assertTrue(ok.out().contains("aime25: ok (sha256 "), ok.out());
            assertTrue(ok.out().contains("1 file(s) verified"), ok.out());

            Files.writeString(data.resolve("aime25.jsonl"), "{\"problem\":\"Find $n$.\",\"answer\":\"71\"}\n");
            Result bad = run("datasets", "verify", "--data-dir", data.toString());
            assertEquals(3, bad.exit(), bad.out());
            assertTrue(bad.out().contains("aime25: CHECKSUM MISMATCH"), bad.out());

            Result refetched = run("datasets", "fetch", "aime25", "--data-dir", data.toString(), "--hub-url", hub);
            assertEquals(0, refetched.exit(), refetched.err());
            assertTrue(refetched.out().contains("replaced a file whose checksum no longer matched"), refetched.out());
            assertEquals(0, run("datasets", "verify", "--data-dir", data.toString()).exit());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unknownBenchmarkAndBadHubUrlAreUserErrors() {
        Result unknown = run("datasets", "fetch", "gsm8k", "--data-dir", dir.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("error: unknown benchmark \"gsm8k\"; known: math500, aime24"), unknown.err());

        Result badUrl = run("datasets", "fetch", "math500", "--data-dir", dir.toString(), "--hub-url", "huggingface.co");
        assertEquals(2, badUrl.exit());
        assertTrue(badUrl.err().contains("error: --hub-url: expected an http(s) URL"), badUrl.err());
    }
}
