package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RmelCommandTest {
    @Test
    void helpListsSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        assertTrue(out.toString().contains("gui"), out.toString());
    }

    @Test
    void versionPrintsName() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--version"));
        assertTrue(out.toString().startsWith("R-MEL Workbench "), out.toString());
    }

    @Test
    void unknownOptionIsAUserError() {
        assertEquals(2, RmelCommand.execute("--no-such-option"));
    }
}
