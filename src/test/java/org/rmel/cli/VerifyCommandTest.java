package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Test
    void singlePairPrintsTrueOrFalse() {
        assertEquals(0, run("verify", "--gold", "\\frac{1}{2}", "--pred", "The answer is \\boxed{0.5}."));
        assertEquals("true", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, run("verify", "--gold", "\\frac{1}{2}", "--pred", "0.6"));
        assertEquals("false", out.toString().strip());
    }

    @Test
    void explainShowsParsedFormsAndReason() {
        assertEquals(0, run("verify", "--gold", "(3,4]", "--pred", "(3,4)", "--explain"));
        String text = out.toString();
        assertTrue(text.startsWith("false"), text);
        assertTrue(text.contains("gold parsed: (3, 4]"), text);
        assertTrue(text.contains("reason:      interval brackets differ"), text);
    }

    @Test
    void jsonlWritesOneVerdictPerLineAndSurvivesBadLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"gold\": \"2\", \"pred\": \"\\\\boxed{2}\"}",
                "{not json",
                "{\"gold\": \"2\"}",
                "",
                "{\"gold\": \"x=5\", \"pred\": \"6\"}") + "\n");
        assertEquals(0, run("verify", "--jsonl", file.toString()));
        String[] lines = out.toString().strip().split("\n");
        assertEquals(4, lines.length, out.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines[0]);
        assertTrue(first.get("equal").asBoolean());
        assertEquals("2", first.get("gold_parsed").asText());
        assertTrue(json.readTree(lines[1]).get("error").asText().startsWith("line 2: not valid JSON"), lines[1]);
        assertEquals("line 3: missing field \"pred\"", json.readTree(lines[2]).get("error").asText());
        JsonNode last = json.readTree(lines[3]);
        assertEquals(false, last.get("equal").asBoolean());
        assertEquals("5", last.get("gold_parsed").asText());
    }

    @Test
    void jsonlReadsStandardInputForADash() throws Exception {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(
                    "{\"gold\": \"(3,4]\", \"pred\": \"3 < x \\\\le 4\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(0, run("verify", "--jsonl", "-"));
        } finally {
            System.setIn(saved);
        }
        JsonNode verdict = new ObjectMapper().readTree(out.toString().strip());
        assertTrue(verdict.get("equal").asBoolean(), out.toString());
        assertEquals("(3, 4]", verdict.get("gold_parsed").asText());
    }

    @Test
    void missingFileAndMissingArgumentsAreUserErrors() {
        assertEquals(2, RmelCommand.execute("verify", "--jsonl", "/no/such/file.jsonl"));
        assertEquals(2, RmelCommand.execute("verify", "--gold", "1"));
        assertEquals(2, RmelCommand.execute("verify", "--gold", "1", "--pred", "1", "--time-limit-ms", "0"));
    }
}
