package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchRunOpenCommandTest {
    @Test
    void generatesAndOpensARunAndPrintsTheFigures() {
        CommandLine cl = new CommandLine(new RmelCommand());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("bench", "run-open", "--events", "3000"));
        String text = out.toString();
        assertTrue(text.contains("run-open: 3,000 events"), text);
        assertTrue(text.contains("whole run read"), text);
        assertTrue(text.contains("machine:"), text);
    }
}
