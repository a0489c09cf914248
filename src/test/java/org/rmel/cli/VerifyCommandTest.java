package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void floatRoundingIsASetting() {
        assertEquals(0, run("verify", "--gold", "\\frac{1}{3}", "--pred", "0.33"));
        assertEquals("false", out.toString().strip());
        out.getBuffer().setLength(0);
        assertEquals(0, run("verify", "--gold", "\\frac{1}{3}", "--pred", "0.33", "--float-rounding", "2"));
        assertEquals("true", out.toString().strip());
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
    void jsonlWritesOneLinePerInputLineAndNamesEachBadLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, String.join("\n",
                "\uFEFF{\"gold\": \"2\", \"pred\": \"\\\\boxed{2}\"}",
                "{not json",
                "{\"gold\": \"2\"}",
                "",
                "{\"gold\": \"x=5\", \"pred\": \"6\"}",
                "{\"gold\": \"1\", \"pred\": \"1\"} {\"gold\": \"1\", \"pred\": \"2\"}",
                "{\"gold\": [\"1\"], \"pred\": \"1\"}",
                "{\"gold\": 0.10, \"pred\": \"0.1\"}",
                "{\"gold\": \"1\", \"pred\": null}",
                "[1, 2]",
                "   ",
                "{\"gold\": \"\\\\frac{1}{2}\", \"pred\": \"The answer is $0.5$.\"}") + "\n");
        assertEquals(2, run("verify", "--jsonl", file.toString()));
        String[] lines = out.toString().strip().split("\n");
        assertEquals(12, lines.length, out.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode[] r = new JsonNode[lines.length];
        for (int k = 0; k < lines.length; k++) {
            r[k] = json.readTree(lines[k]);
            assertEquals(k + 1, r[k].get("line").asInt(), lines[k]);
        }
        assertTrue(r[0].get("equal").asBoolean(), lines[0]);
        assertEquals("2", r[0].get("gold_parsed").asText());
        assertTrue(r[1].get("error").asText().startsWith("line 2: not valid JSON"), lines[1]);
        assertEquals("line 3: missing field \"pred\"", r[2].get("error").asText());
        assertEquals("pred", r[2].get("field").asText());
        assertEquals("line 4: blank line (expected a {\"gold\": ..., \"pred\": ...} object)", r[3].get("error").asText());
        assertFalse(r[4].get("equal").asBoolean());
        assertEquals("x = 5", r[4].get("gold_parsed").asText());
        assertTrue(r[5].get("error").asText().startsWith("line 6: text after the JSON object, at column 28"), lines[5]);
        assertEquals("gold", r[6].get("field").asText());
        assertTrue(r[6].get("error").asText().startsWith("line 7: field \"gold\" must be a string, got an array"), lines[6]);
        assertTrue(r[7].get("error").asText().startsWith("line 8: field \"gold\" must be a string, got the number 0.1"),
                lines[7]);
        assertEquals("line 9: field \"pred\" must be a string, got null", r[8].get("error").asText());
        assertEquals("line 10: expected a JSON object, got an array", r[9].get("error").asText());
        assertTrue(r[10].get("error").asText().startsWith("line 11: blank line"), lines[10]);
        assertTrue(r[11].get("equal").asBoolean(), lines[11]);
        assertTrue(err.toString().contains("9 of 12 lines could not be verified"), err.toString());
        assertTrue(err.toString().contains("first: line 2: not valid JSON"), err.toString());
    }

    @Test
    void jsonlWithGoodLinesOnlyExitsZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, "{\"gold\": \"3\", \"pred\": \"\\\\boxed{3}\"}\n{\"gold\": \"3\", \"pred\": \"4\"}");
        assertEquals(0, run("verify", "--jsonl", file.toString()));
        assertEquals(2, out.toString().strip().split("\n").length, out.toString());
        assertEquals("", err.toString());
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
        assertEquals(2, RmelCommand.execute("verify", "--gold", "1", "--pred", "1", "--float-rounding", "-1"));
    }
}
