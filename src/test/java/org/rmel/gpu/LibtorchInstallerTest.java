package org.rmel.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.fetch.Fetcher;
import org.rmel.testsupport.LocalHttpServer;

/**
 * {@code gpu setup}'s installer against a local stand-in for DJL's index serving small stand-in
 * libraries (gzipped, ELF header first): success, a second run, 404s, a truncated file, a reset
 * connection, a download broken across runs, a corrupted file, no connection, and the two
 * {@code --from} folders.
 */
class LibtorchInstallerTest {
    private static final String PREFIX = StandInLibtorch.PREFIX;
    private static final List<String> NAMES = StandInLibtorch.NAMES;

    @TempDir
    Path tmp;
    private LocalHttpServer server;
    private Map<String, byte[]> libraries;
    private Map<String, byte[]> gzips;
    private final List<String> notes = new ArrayList<>();
    private final List<long[]> bytes = new ArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = new LocalHttpServer();
        StandInLibtorch set = new StandInLibtorch(server);
        libraries = set.libraries;
        gzips = set.gzips;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LibtorchInstaller installer() {
        return installer(LibtorchInstaller.RETRIES);
    }

    private LibtorchInstaller installer(int retries) {
        SetupProgress p = new SetupProgress() {
            @Override
            public void phase(String text) {
            }

            @Override
            public void bytes(String file, long done, long total, long allDone, long allTotal) {
                bytes.add(new long[] {done, total, allDone, allTotal});
            }

            @Override
            public void note(String text) {
                notes.add(text);
            }
        };
        return new LibtorchInstaller(new Fetcher(Duration.ofSeconds(5), null, Duration.ofSeconds(5)), "rmel-test", p,
                Duration.ZERO, retries);
    }

    private LibtorchInstaller.Source index() {
        return new LibtorchInstaller.Index(URI.create(server.uri() + PREFIX));
    }

    private Path target() {
        return tmp.resolve("cache").resolve("pytorch").resolve(CudaLibtorch.folderName());
    }

    private void assertInstalled(Path dir) throws IOException {
        for (String name : NAMES) {
            assertArrayEquals(libraries.get(name), Files.readAllBytes(dir.resolve(name)), name);
        }
        assertTrue(Files.isRegularFile(dir.resolve(CudaLibtorch.JNI_FILE)), "DJL's cu128 JNI is put beside the libraries");
        InstallManifest m = InstallManifest.read(dir).orElseThrow();
        assertEquals(CudaLibtorch.VERSION, m.version());
        assertEquals(CudaLibtorch.FLAVOR, m.flavor());
        assertEquals(NAMES.size() + 1, m.files().size());
        assertTrue(m.damage(dir).isEmpty());
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertEquals(List.of(dir.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList(),
                    "no staging folder is left beside the installation");
        }
        LibtorchLocator.Found found = new LibtorchLocator(k -> null, k -> null, dir).installed().orElseThrow();
        assertEquals(CudaLibtorch.FLAVOR, found.flavor());
    }

    @Test
    void installsTheCudaSetOfTheIndexThenHasNothingToDo() throws Exception {
        LibtorchInstaller.Result r = installer().install(index(), target(), false);
        assertEquals(LibtorchInstaller.Outcome.INSTALLED, r.outcome());
        assertInstalled(target());
        assertTrue(server.paths().stream().noneMatch(p -> p.contains("/cpu/") || p.contains("win-x86_64")),
                "only the cu128 linux files are fetched: " + server.paths());
        long[] last = bytes.get(bytes.size() - 1);
        long allGz = gzips.values().stream().mapToLong(b -> b.length).sum();
        assertEquals(allGz, last[3], "the overall total is known up front (HEAD)");
        assertEquals(allGz, last[2], "and reached at the end");

        int before = server.requests().size();
        LibtorchInstaller.Result again = installer().install(index(), target(), false);
        assertEquals(LibtorchInstaller.Outcome.ALREADY_INSTALLED, again.outcome());
        assertEquals(before, server.requests().size(), "a second run makes no request");
        assertTrue(notes.get(notes.size() - 1).contains("nothing to do"), notes.toString());
    }

    @Test
    void aMissingIndexIsAnHttpErrorAndInstallsNothing() {
        server.status(PREFIX + "files.txt", 404);
        SetupException e = assertThrows(SetupException.class, () -> installer().install(index(), target(), false));
        assertEquals(SetupException.Kind.DOWNLOAD, e.kind());
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("files.txt"), e.getMessage());
        assertFalse(Files.exists(target()));
    }

    @Test
    void aMissingLibraryIsAnHttpErrorAndInstallsNothing() {
        server.status(PREFIX + "cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz", 404);
        SetupException e = assertThrows(SetupException.class, () -> installer().install(index(), target(), false));
        assertEquals(SetupException.Kind.DOWNLOAD, e.kind());
        assertTrue(e.getMessage().contains("libtorch_cuda.so.gz") && e.getMessage().contains("HTTP 404"), e.getMessage());
        assertFalse(Files.exists(target()), "a half-downloaded set is never in place");
    }

    @Test
    void aTruncatedTransferIsResumedWithARangeRequest() throws Exception {
        String path = PREFIX + "cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz";
        server.cutOnce(path, gzips.get("libtorch_cuda.so"), 12_345, false);
        installer().install(index(), target(), false);
        assertInstalled(target());
        assertTrue(server.requests().stream().anyMatch(r -> r.path().equals(path) && r.range().equals("bytes=12345-")),
                server.requests().toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("retrying")), notes.toString());
    }

    @Test
    void aResetConnectionIsResumed() throws Exception {
        String path = PREFIX + "cu128/linux-x86_64/native/lib/libc10.so.gz";
        server.cutOnce(path, gzips.get("libc10.so"), 20_000, true);
        installer().install(index(), target(), false);
        assertInstalled(target());
        assertTrue(server.requests().stream().anyMatch(r -> r.path().equals(path) && !r.range().isEmpty()),
                server.requests().toString());
    }

    @Test
    void aDownloadBrokenAcrossRunsContinuesWhereItStopped() throws Exception {
        String path = PREFIX + "cu128/linux-x86_64/native/lib/libtorch_cpu.so.gz";
        server.cutAlways(path, gzips.get("libtorch_cpu.so"), 9_000);
        SetupException e = assertThrows(SetupException.class, () -> installer(1).install(index(), target(), false));
        assertEquals(SetupException.Kind.DOWNLOAD, e.kind());
        assertTrue(e.getMessage().contains("9.0 kB kept: run 'rmel gpu setup' again to resume"), e.getMessage());
        assertFalse(Files.exists(target()));

        server.serve(path, gzips.get("libtorch_cpu.so"));
        int before = server.requests().size();
        installer().install(index(), target(), false);
        assertInstalled(target());
        List<LocalHttpServer.Request> second = server.requests().subList(before, server.requests().size());
        assertTrue(second.stream().anyMatch(r -> r.method().equals("GET") && r.path().equals(path)
                && r.range().equals("bytes=9000-")), second.toString());
        assertTrue(second.stream().noneMatch(r -> r.method().equals("GET") && r.path().endsWith("libc10.so.gz")),
                "files unpacked by the first run are not fetched again: " + second);
    }

    @Test
    void aCorruptedFileFailsItsCheckAndNothingIsInstalled() throws Exception {
        byte[] bad = gzips.get("libc10_cuda.so").clone();
        bad[bad.length / 2] ^= 0x5a;
        String path = PREFIX + "cu128/linux-x86_64/native/lib/libc10_cuda.so.gz";
        server.serve(path, bad);
        SetupException e = assertThrows(SetupException.class, () -> installer().install(index(), target(), false));
        assertEquals(SetupException.Kind.CORRUPT, e.kind());
        assertEquals(3, e.kind().exitCode());
        assertTrue(e.getMessage().contains("libc10_cuda.so.gz") && e.getMessage().contains("corrupted"), e.getMessage());
        assertTrue(notes.stream().anyMatch(n -> n.contains("downloading it again")), "fetched once more: " + notes);
        assertFalse(Files.exists(target()));
    }

    @Test
    void withoutAConnectionTheMessageSaysWhatToDownloadAndWhereToPutIt() throws Exception {
        URI closed = LocalHttpServer.closedPort();
        SetupException e = assertThrows(SetupException.class, () -> installer().install(
                new LibtorchInstaller.Index(URI.create(closed + PREFIX)), target(), false));
        assertEquals(SetupException.Kind.OFFLINE, e.kind());
        assertTrue(e.getMessage().startsWith("cannot reach " + closed), e.getMessage());
        assertTrue(e.getMessage().contains("https://publish.djl.ai/pytorch/2.7.1/files.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("cu128/linux-x86_64/"), e.getMessage());
        assertTrue(e.getMessage().contains("rmel gpu setup --from FOLDER"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aMirrorFolderInstallsOffline() throws Exception {
        Path mirror = tmp.resolve("mirror");
        Files.createDirectories(mirror.resolve("cu128/linux-x86_64/native/lib"));
        StringBuilder index = new StringBuilder();
        for (String name : NAMES) {
            String line = "cu128/linux-x86_64/native/lib/" + name + ".gz";
            Files.write(mirror.resolve(line), gzips.get(name));
            index.append(line).append('\n');
        }
        Files.writeString(mirror.resolve("files.txt"), index);
        LibtorchInstaller.Source source = LibtorchInstaller.source(mirror.toString());
        assertTrue(source instanceof LibtorchInstaller.Mirror);
        installer().install(source, target(), false);
        assertInstalled(target());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anUnpackedOfficialArchiveIsCopiedAndOtherBuildsAreRefused() throws Exception {
        Path libtorch = tmp.resolve("libtorch");
        Files.createDirectories(libtorch.resolve("lib"));
        for (String name : NAMES) {
            Files.write(libtorch.resolve("lib").resolve(name), libraries.get(name));
        }
        Files.write(libtorch.resolve("lib").resolve("libjitbackend_test.so"), libraries.get("libc10.so"));
        Files.writeString(libtorch.resolve("build-version"), "2.7.1+cu128\n");
        installer().install(LibtorchInstaller.source(libtorch.toString()), target(), false);
        assertInstalled(target());
        assertFalse(Files.exists(target().resolve("libjitbackend_test.so")), "test libraries are left out");

        Files.writeString(libtorch.resolve("build-version"), "2.8.0+cu128\n");
        SetupException wrong = assertThrows(SetupException.class, () -> LibtorchInstaller.source(libtorch.toString()));
        assertEquals(SetupException.Kind.BAD_SOURCE, wrong.kind());
        assertTrue(wrong.getMessage().contains("2.8.0") && wrong.getMessage().contains("needs 2.7.1"), wrong.getMessage());

        Files.delete(libtorch.resolve("lib").resolve("libtorch_cuda.so"));
        Files.writeString(libtorch.resolve("build-version"), "2.7.1+cpu\n");
        SetupException cpu = assertThrows(SetupException.class, () -> LibtorchInstaller.source(libtorch.toString()));
        assertTrue(cpu.getMessage().contains("CPU build"), cpu.getMessage());
    }

    @Test
    void aDamagedInstallationIsReplaced() throws Exception {
        installer().install(index(), target(), false);
        Files.delete(target().resolve("libtorch_cuda.so"));
        assertTrue(new LibtorchLocator(k -> null, k -> null, target()).installed().isEmpty(),
                "a damaged installation is not used");
        LibtorchInstaller.Result r = installer().install(index(), target(), false);
        assertEquals(LibtorchInstaller.Outcome.INSTALLED, r.outcome());
        assertInstalled(target());
    }
}
