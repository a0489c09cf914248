package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchModelCommandTest {

    @Test
    void printsSamplingTrainingAndFlopFigures() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("bench", "model", "--batch", "4", "--prompt-tokens", "6", "--new-tokens", "10",
                "--matmul-size", "256", "--device", "cpu");
        String text = out.toString();
        assertEquals(0, code, text);
        Matcher m = Pattern.compile("KV cache ([\\d,]+) tokens/s; full recomputation ([\\d,]+) tokens/s; cache speed-up ([\\d.]+)x")
                .matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 0, text);
        assertTrue(Long.parseLong(m.group(2).replace(",", "")) > 0, text);
        assertTrue(text.contains("4 sequences of 16 tokens:"), text);
        Matcher peak = Pattern.compile("peak matmul \\(256x256 float32\\): ([\\d.]+) GFLOP/s").matcher(text);
        assertTrue(peak.find(), text);
        assertTrue(Double.parseDouble(peak.group(1)) > 0, text);
        assertTrue(text.contains("% of peak matmul"), text);
        assertTrue(text.contains("machine: "), text);
    }

    @Test
    void measuresAHuggingFaceFolderAsTheTrainerLoadsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path dir = org.rmel.testsupport.TinyHfModel.create(tmp.resolve("tiny"));
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("bench", "model", "--model", dir.toString(), "--batch", "4", "--prompt-tokens", "8",
                "--new-tokens", "6", "--no-recompute", "--matmul-size", "128", "--device", "cpu");
        String text = out.toString();
        assertEquals(0, code, text);
        assertTrue(text.contains("model: folder " + dir + ", 141,888 parameters"), text);
        Matcher m = Pattern.compile("sampling batch 4, prompt 8, 6 new tokens: KV cache ([\\d,]+) tokens/s").matcher(text);
        assertTrue(m.find(), text);
        Matcher cpu = Pattern.compile("CPU time: ([\\d,]+) tokens per CPU-second").matcher(text);
        assertTrue(cpu.find() && Long.parseLong(cpu.group(1).replace(",", "")) > 0, text);
        assertEquals(2, RmelCommand.execute("bench", "model", "--model", dir.toString(), "--layers", "1"));
        assertEquals(2, RmelCommand.execute("bench", "model", "--model", tmp.resolve("none").toString()));
    }

    @Test
    void unknownShapeIsAUserError() {
        assertEquals(2, RmelCommand.execute("bench", "model", "--shape", "gpt5"));
        assertEquals(2, RmelCommand.execute("bench", "model", "--batch", "0"));
    }
}
