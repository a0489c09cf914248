package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.gpu.CudaLibtorch;
import org.rmel.gpu.StandInLibtorch;
import org.rmel.testsupport.LocalHttpServer;

/** {@code gpu setup} on the command line against a local mirror: progress lines, a second run, offline, a bad --from. */
class GpuSetupCommandTest {
    @TempDir
    Path tmp;
    private LocalHttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = new LocalHttpServer();
        new StandInLibtorch(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void installsWithProgressThenHasNothingToDo() {
        Path dir = tmp.resolve("libtorch-cu128");
        Run first = run("gpu", "setup", "--from", StandInLibtorch.base(server).toString(), "--dir", dir.toString(),
                "--progress", "lines");
        assertEquals(0, first.exit(), first.out() + first.err());
        assertTrue(first.out().lines().anyMatch(l -> l.startsWith("progress 100% ")), first.out());
        assertTrue(first.out().contains("installed " + (StandInLibtorch.NAMES.size() + 1) + " files"), first.out());
        assertTrue(first.out().contains("use it with: --libtorch " + dir), first.out());
        assertTrue(Files.isRegularFile(dir.resolve(CudaLibtorch.JNI_FILE)));

        Run second = run("gpu", "setup", "--from", StandInLibtorch.base(server).toString(), "--dir", dir.toString(),
                "--progress", "lines");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("nothing to do"), second.out());
        assertFalse(second.out().contains("progress "), second.out());
    }

    @Test
    void offlineIsOneErrorLineSayingWhatToDownload() throws Exception {
        Run r = run("gpu", "setup", "--from", LocalHttpServer.closedPort() + "/pytorch/2.7.1/", "--dir",
                tmp.resolve("x").toString(), "--progress", "none");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: cannot reach ") && r.err().contains("rmel gpu setup --from FOLDER"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aFolderThatIsNoLibtorchIsBadInput() {
        Run r = run("gpu", "setup", "--from", tmp.toString(), "--dir", tmp.resolve("x").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("neither a mirror of DJL's index"), r.err());
    }
}
