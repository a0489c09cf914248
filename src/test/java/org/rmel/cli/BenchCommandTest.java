package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rmel.testsupport.SharedData;
import picocli.CommandLine;

class BenchCommandTest {
    @Test
    void benchVerifyReportsThroughputWorstCallAndMachine() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("bench", "verify", "--benchmarks", SharedData.sharedDir().resolve("data/benchmarks").toString(),
                "--seconds", "0.5", "--warmup", "0");
        String text = out.toString();
        assertEquals(0, code, text);
        assertTrue(text.contains("500 MATH-500 gold-vs-rewritten pairs, 500 verified equal"), text);
        Matcher rate = Pattern.compile("([\\d,]+) verifications/s of wall time").matcher(text);
        assertTrue(rate.find(), text);
        assertTrue(Long.parseLong(rate.group(1).replace(",", "")) > 0, text);
        assertTrue(text.contains("worst single call measured by thread CPU time"), text);
        assertTrue(text.contains("machine: " + Runtime.getRuntime().availableProcessors() + " cores"), text);
    }

    @Test
    void benchWithoutTargetOrDataIsAUserError() {
        assertEquals(2, RmelCommand.execute("bench"));
        assertEquals(2, RmelCommand.execute("bench", "verify", "--benchmarks", "/no/such/dir"));
    }
}
