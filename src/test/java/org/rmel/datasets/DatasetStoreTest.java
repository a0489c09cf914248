package org.rmel.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.tasks.BenchmarkRegistry;
import org.rmel.tasks.Problem;
import org.rmel.fetch.Checksums;

class DatasetStoreTest {
    @TempDir
    Path dir;
    private LocalHub hub;
    private DataFolder folder;

    @BeforeEach
    void start() throws IOException {
        hub = new LocalHub();
        folder = new DataFolder(dir.resolve("data"), "--data-dir");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private DatasetStore store(URI base, Duration limit) {
        return new DatasetStore(folder, base, new HubDownloader(Duration.ofSeconds(5), limit), "rmel-test");
    }

    private DatasetStore store() {
        return store(hub.uri(), Duration.ofSeconds(20));
    }

    private static DatasetSource source(String name) {
        return DatasetRegistry.byName(name).orElseThrow();
    }

    @Test
    void fetchesEveryBenchmarkFromItsHubLayoutIntoProblemAnswerJsonl() throws Exception {
        DatasetRegistry.all().forEach(s -> hub.serve(s, HubLayouts.RAW.get(s.name())));
        DatasetStore store = store();
        for (DatasetSource s : DatasetRegistry.all()) {
            DatasetStore.FetchResult r = store.fetch(s, false);
            assertEquals(DatasetStore.Outcome.FETCHED, r.outcome(), s.name());
            assertEquals(HubLayouts.CONVERTED.get(s.name()), Files.readString(folder.fileOf(s)), s.name());
        }
        Manifest manifest = Manifest.read(folder.manifest());
        for (DatasetSource s : DatasetRegistry.all()) {
            Manifest.Entry e = manifest.get(s.name()).orElseThrow();
            assertEquals(Checksums.sha256(folder.fileOf(s)), e.sha256());
            assertEquals(2, e.problems());
            assertEquals(s.url(hub.uri()).toString(), e.sourceUrl());
            assertEquals(Checksums.sha256(HubLayouts.RAW.get(s.name()).getBytes(StandardCharsets.UTF_8)), e.sourceSha256());
        }
        assertTrue(store.states().stream().allMatch(st -> st.kind() == FileState.Kind.OK), store.states().toString());
        assertNoTempFiles();
    }

    @Test
    void fetchedFilesLoadThroughTheTaskLoadersFromTheDataFolder() throws Exception {
        DatasetRegistry.all().forEach(s -> hub.serve(s, HubLayouts.RAW.get(s.name())));
        DatasetStore store = store();
        for (DatasetSource s : DatasetRegistry.all()) {
            store.fetch(s, false);
            List<Problem> problems = BenchmarkRegistry.load(s.benchmark(), folder.path());
            assertEquals(2, problems.size(), s.name());
        }
        List<Problem> olympiad = BenchmarkRegistry.load(source("olympiadbench").benchmark(), folder.path());
        assertEquals("Find all pairs.", olympiad.get(1).text());
        assertEquals("$(1,2)$, $(2,1)$", olympiad.get(1).answer());
    }

    @Test
    void requestsUseTheHubResolveMainUrlForm() throws Exception {
        DatasetSource math = source("math500");
        hub.serve(math, HubLayouts.RAW.get("math500"));
        store().fetch(math, false);
        assertEquals(List.of("/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl"), hub.requests());
    }

    @Test
    void aVerifiedFileIsNotDownloadedAgainUnlessForced() throws Exception {
        DatasetSource math = source("math500");
        hub.serve(math, HubLayouts.RAW.get("math500"));
        DatasetStore store = store();
        store.fetch(math, false);
        assertEquals(DatasetStore.Outcome.UP_TO_DATE, store.fetch(math, false).outcome());
        assertEquals(1, hub.requests().size());
        assertEquals(DatasetStore.Outcome.FETCHED, store.fetch(math, true).outcome());
        assertEquals(2, hub.requests().size());
    }

    @Test
    void anEditedFileIsReportedAsMismatchAndReplacedOnRefetch() throws Exception {
        DatasetSource aime = source("aime25");
        hub.serve(aime, HubLayouts.RAW.get("aime25"));
        DatasetStore store = store();
        store.fetch(aime, false);
        Files.writeString(folder.fileOf(aime), "{\"problem\":\"tampered\",\"answer\":\"1\"}\n");

        FileState state = store.state(aime);
        assertEquals(FileState.Kind.MODIFIED, state.kind());
        assertEquals(Checksums.sha256(folder.fileOf(aime)), state.actualSha256());

        DatasetStore.FetchResult r = store.fetch(aime, false);
        assertEquals(DatasetStore.Outcome.FETCHED, r.outcome());
        assertTrue(r.note().contains("checksum no longer matched"), r.note());
        assertEquals(HubLayouts.CONVERTED.get("aime25"), Files.readString(folder.fileOf(aime)));
        assertEquals(FileState.Kind.OK, store.state(aime).kind());
    }

    @Test
    void aDeletedFileIsReportedAsDeleted() throws Exception {
        DatasetSource amc = source("amc23");
        hub.serve(amc, HubLayouts.RAW.get("amc23"));
        DatasetStore store = store();
        store.fetch(amc, false);
        Files.delete(folder.fileOf(amc));
        assertEquals(FileState.Kind.DELETED, store.state(amc).kind());
        assertEquals(FileState.Kind.MISSING, store.state(source("aime24")).kind());
    }

    @Test
    void aFileCopiedInByHandIsKeptUnlessForced() throws Exception {
        DatasetSource minerva = source("minervamath");
        Files.createDirectories(folder.path());
        Files.writeString(folder.fileOf(minerva), "{\"problem\":\"mine\",\"answer\":\"7\"}\n");
        hub.serve(minerva, HubLayouts.RAW.get("minervamath"));
        DatasetStore store = store();
        assertEquals(FileState.Kind.UNRECORDED, store.state(minerva).kind());
        assertEquals(DatasetStore.Outcome.KEPT_UNRECORDED, store.fetch(minerva, false).outcome());
        assertTrue(hub.requests().isEmpty());
        assertEquals(DatasetStore.Outcome.FETCHED, store.fetch(minerva, true).outcome());
        assertEquals(HubLayouts.CONVERTED.get("minervamath"), Files.readString(folder.fileOf(minerva)));
    }

    @Test
    void aMissingFileOnTheHubIsAnHttpErrorAndWritesNothing() {
        DatasetSource olympiad = source("olympiadbench");
        DatasetException e = assertThrows(DatasetException.class, () -> store().fetch(olympiad, false));
        assertEquals(DatasetException.Kind.HTTP_STATUS, e.kind());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(olympiad.url(hub.uri()).toString()), e.getMessage());
        assertFalse(Files.exists(folder.fileOf(olympiad)));
        assertFalse(Files.exists(folder.manifest()));
        assertNoTempFiles();
    }

    @Test
    void aConnectionCutMidFileLeavesThePreviousFileAndNoTempFiles() throws Exception {
        DatasetSource math = source("math500");
        hub.serve(math, HubLayouts.RAW.get("math500"));
        DatasetStore store = store();
        store.fetch(math, false);
        byte[] before = Files.readAllBytes(folder.fileOf(math));
        byte[] manifestBefore = Files.readAllBytes(folder.manifest());

        String bigger = HubLayouts.RAW.get("math500").repeat(50);
        hub.serveTruncated(math, bigger, bigger.length() / 3);
        DatasetException e = assertThrows(DatasetException.class, () -> store.fetch(math, true));
        assertEquals(DatasetException.Kind.INCOMPLETE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("the download broke off"), e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(folder.fileOf(math)));
        assertArrayEquals(manifestBefore, Files.readAllBytes(folder.manifest()));
        assertNoTempFiles();
    }

    @Test
    void aStalledTransferIsCutOffAtTheLimit() {
        DatasetSource math = source("math500");
        hub.serveStalling(math, HubLayouts.RAW.get("math500"), 5_000);
        long start = System.nanoTime();
        DatasetException e = assertThrows(DatasetException.class,
                () -> store(hub.uri(), Duration.ofMillis(800)).fetch(math, false));
        assertEquals(DatasetException.Kind.INCOMPLETE, e.kind(), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000, "the limit was not enforced");
        assertFalse(Files.exists(folder.fileOf(math)));
    }

    @Test
    void aRefusedConnectionIsReportedAsUnreachableNamingTheUrl() throws Exception {
        URI closed = LocalHub.closedPort();
        DatasetSource math = source("math500");
        DatasetException e = assertThrows(DatasetException.class,
                () -> store(closed, Duration.ofSeconds(5)).fetch(math, false));
        assertEquals(DatasetException.Kind.UNREACHABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(math.url(closed).toString()), e.getMessage());
        assertFalse(Files.exists(folder.fileOf(math)));
        assertNoTempFiles();
    }

    @Test
    void aFailedTlsHandshakeIsReportedWithTheTrustStoreHint() throws IOException {
        // An https URL on a plain-text port: the handshake fails the way an untrusted proxy
        // certificate does, with an SSLException inside the client's exception chain.
        URI notTls = hub.plainTextPortForTls();
        DatasetException e = assertThrows(DatasetException.class,
                () -> store(notTls, Duration.ofSeconds(5)).fetch(source("math500"), false));
        assertEquals(DatasetException.Kind.UNREACHABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot reach " + notTls + " securely ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("javax.net.ssl.trustStore"), e.getMessage());
        assertNoTempFiles();
    }

    @Test
    void theChecksumAdvertisedAlongARedirectIsChecked() throws Exception {
        DatasetSource aime = source("aime24");
        String raw = HubLayouts.RAW.get("aime24");
        String rightSha = Checksums.sha256(raw.getBytes(StandardCharsets.UTF_8));
        hub.serveViaRedirect(aime, raw, rightSha);
        DatasetStore store = store();
        assertEquals(DatasetStore.Outcome.FETCHED, store.fetch(aime, false).outcome());

        String wrongSha = Checksums.sha256("something else".getBytes(StandardCharsets.UTF_8));
        hub.serveViaRedirect(aime, raw + "{\"problem\": \"p\", \"solution\": \"\\\\boxed{1}\"}\n", wrongSha);
        byte[] before = Files.readAllBytes(folder.fileOf(aime));
        DatasetException e = assertThrows(DatasetException.class, () -> store.fetch(aime, true));
        assertEquals(DatasetException.Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(wrongSha), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(folder.fileOf(aime)));
        assertNoTempFiles();
    }

    @Test
    void aGitObjectIdEtagIsNotMistakenForAChecksum() throws Exception {
        DatasetSource amc = source("amc23");
        hub.serve(LocalHub.path(amc), HubLayouts.RAW.get("amc23"),
                Map.of("ETag", "\"0123456789abcdef0123456789abcdef01234567\""));
        assertEquals(DatasetStore.Outcome.FETCHED, store().fetch(amc, false).outcome());
    }

    @Test
    void aPageThatIsNotJsonLinesIsRejectedWithItsLine() {
        DatasetSource math = source("math500");
        hub.serve(math, "<!DOCTYPE html>\n<html><body>Sign in</body></html>\n");
        DatasetException e = assertThrows(DatasetException.class, () -> store().fetch(math, false));
        assertEquals(DatasetException.Kind.BAD_SOURCE, e.kind());
        assertTrue(e.getMessage().endsWith("line 1: not JSON (expected JSON Lines; an HTML page here usually "
                + "means a proxy or login page)"), e.getMessage());
        assertFalse(Files.exists(folder.fileOf(math)));
        assertNoTempFiles();
    }

    @Test
    void aRecordWithoutTheExpectedColumnsNamesTheLineAndFields() {
        DatasetSource math = source("math500");
        hub.serve(math, "{\"problem\": \"ok\", \"answer\": \"1\"}\n{\"problem\": \"no answer here\"}\n");
        DatasetException e = assertThrows(DatasetException.class, () -> store().fetch(math, false));
        assertEquals(DatasetException.Kind.BAD_SOURCE, e.kind());
        assertTrue(e.getMessage().contains("test.jsonl line 2: none of the fields [answer] is present"), e.getMessage());
    }

    private void assertNoTempFiles() {
        if (!Files.isDirectory(folder.path())) {
            return;
        }
        try (Stream<Path> files = Files.list(folder.path())) {
            List<String> hidden = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertTrue(hidden.isEmpty(), "temp files left behind: " + hidden);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
