package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.ChildJvm;

/**
 * {@code rmel ARG} opens the workbench on a run folder: a mistyped subcommand or a missing folder is
 * one error line and exit 2 before any window, and a machine without a display gets exit 4 and
 * what to do (it used to be reported as an internal error, a bug).
 */
class OpenFromCommandLineTest {
    @TempDir
    Path tmp;

    private static ChildJvm headless() {
        return ChildJvm.withTestSettings().withoutEnv("DISPLAY").withoutEnv("WAYLAND_DISPLAY");
    }

    @Test
    void aMistypedCommandIsBadInput() throws Exception {
        ChildJvm.Result r = headless().run(tmp, 120, "frobnicate");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("error: 'frobnicate' is neither a command nor a run folder; 'rmel --help' lists the commands",
                r.err().strip());
    }

    @Test
    void aMissingFolderIsNamed() throws Exception {
        ChildJvm.Result r = headless().run(tmp, 120, tmp.resolve("no-such-run").toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().strip().endsWith("no-such-run: no such run or study folder"), r.err());
    }

    @Test
    void noDisplayIsAnEnvironmentFaultWithWhatToDo() throws Exception {
        ChildJvm.Result r = headless().run(tmp, 120, tmp.toString());
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().strip().startsWith("error: the workbench needs a graphical display"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
