package org.rmel.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;
import org.rmel.testsupport.SharedData;

class ProblemFileTest {
    @TempDir
    Path dir;

    @Test
    void everySharedBenchmarkLoadsWithItsRegisteredSizeAndCleanText() {
        for (Benchmark b : BenchmarkRegistry.all()) {
            List<Problem> problems = BenchmarkRegistry.load(b, SharedData.benchmarksDir());
            assertEquals(b.size(), problems.size(), b.name());
            for (Problem p : problems) {
                assertFalse(p.text().contains("Please reason step by step"), p.where());
                assertFalse(p.text().isBlank(), p.where());
                assertFalse(p.answer().isBlank(), p.where());
                assertTrue(p.line() > 0 && p.source().endsWith(b.fileName()), p.where());
            }
            assertEquals(problems.size(), problems.stream().map(Problem::id).distinct().count(), "unique ids");
        }
        Problem first = BenchmarkRegistry.load(BenchmarkRegistry.require("math500"), SharedData.benchmarksDir()).get(0);
        assertEquals("math500-1", first.id());
        assertEquals("\\left( 3, \\frac{\\pi}{2} \\right)", first.answer());
        assertTrue(first.text().endsWith("and $0 \\le \\theta < 2 \\pi.$"), first.text());
        assertEquals(first.text() + "\nPlease reason step by step, and put your final answer within \\boxed{}.",
                PromptTemplate.BOXED.render(first));
    }

    @Test
    void aSingleFileCanBeNamedDirectly() {
        Path file = SharedData.benchmarksDir().resolve("aime24.jsonl");
        assertEquals(30, BenchmarkRegistry.load(BenchmarkRegistry.require("AIME24"), file).size());
    }

    @Test
    void registryFindsByLooseNamesAndRejectsUnknownOnes() {
        assertEquals("Minerva", BenchmarkRegistry.require("minervamath").name());
        assertEquals("MATH-500", BenchmarkRegistry.require("Math500").name());
        assertEquals("OlympiadBench", BenchmarkRegistry.require("olympiad-bench").name());
        BadInputException e = assertThrows(BadInputException.class, () -> BenchmarkRegistry.require("gsm8k"));
        assertTrue(e.getMessage().contains("MATH-500"), e.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> BenchmarkRegistry.load(BenchmarkRegistry.require("AIME25"), dir));
        assertTrue(missing.getMessage().contains("aime25.jsonl"), missing.getMessage());
    }

    @Test
    void mathLayoutTakesTheAnswerOrTheBoxedSolution() throws Exception {
        Path file = write("math.jsonl",
                "{\"problem\": \"What is 1+1?\", \"solution\": \"It is $\\\\boxed{2}$.\", \"answer\": \"2\", \"unique_id\": \"test/a/1.json\"}",
                "{\"problem\": \"What is 2+2?\", \"solution\": \"So \\\\boxed{\\\\frac{8}{2}}.\"}");
        List<Problem> problems = ProblemFile.read(file);
        assertEquals("test/a/1.json", problems.get(0).id());
        assertEquals("It is $\\boxed{2}$.", problems.get(0).solution());
        assertEquals("\\frac{8}{2}", problems.get(1).answer());
        assertEquals("math-2", problems.get(1).id());
        assertEquals(2, problems.get(1).line());
    }

    @Test
    void dapoLayoutStripsTheAnswerLineInstruction() throws Exception {
        String instruction = PromptTemplate.ANSWER_LINE.template().replace("{problem}", "Find $x$ if $x+1=3$.")
                .replace("\"", "\\\"").replace("\n", "\\n");
        Path file = write("dapo.jsonl",
                "{\"data_source\": \"math_dapo\", \"prompt\": [{\"role\": \"user\", \"content\": \"" + instruction + "\"}],"
                        + " \"solution\": \"2\", \"reward_model\": {\"ground_truth\": \"2\", \"style\": \"rule\"},"
                        + " \"extra_info\": {\"index\": \"9a1b\"}}",
                "{\"prompt\": \"Compute 3*3.\", \"reward_model\": {\"ground_truth\": 9}}");
        List<Problem> problems = ProblemFile.read(file);
        assertEquals("Find $x$ if $x+1=3$.", problems.get(0).text());
        assertEquals("2", problems.get(0).answer());
        assertEquals("9a1b", problems.get(0).id());
        assertEquals(PromptTemplate.ANSWER_LINE.template().replace("{problem}", "Find $x$ if $x+1=3$."),
                PromptTemplate.ANSWER_LINE.render(problems.get(0)));
        assertEquals("9", problems.get(1).answer());
        assertEquals("dapo-2", problems.get(1).id());
        assertNull(problems.get(1).solution());
    }

    @Test
    void badRecordsNameFileLineAndField() throws Exception {
        assertMessage(write("a.jsonl", "{\"problem\": \"x\", \"answer\": \"1\"}", "{oops"), "a.jsonl:2: not valid JSON");
        assertMessage(write("b.jsonl", "{\"problem\": \"x\"}"), "b.jsonl:1: missing field \"answer\"");
        assertMessage(write("c.jsonl", "{\"answer\": \"1\"}"), "c.jsonl:1: missing field \"problem\"");
        assertMessage(write("d.jsonl", "{\"prompt\": \"x\", \"reward_model\": {}}"),
                "d.jsonl:1: missing field \"reward_model.ground_truth\"");
        assertMessage(write("e.jsonl", "[1, 2]"), "e.jsonl:1: expected a JSON object");
        assertMessage(write("f.jsonl", ""), "f.jsonl: no problems");
        assertMessage(dir.resolve("none.jsonl"), "cannot read problem file");
    }

    @Test
    void promptTemplateNeedsExactlyOnePlaceholder() {
        assertEquals("custom", PromptTemplate.parse("Q: {problem}\nA:").name());
        assertEquals(PromptTemplate.ANSWER_LINE, PromptTemplate.parse("dapo"));
        assertThrows(BadInputException.class, () -> PromptTemplate.parse("no placeholder"));
        assertThrows(BadInputException.class, () -> PromptTemplate.parse("{problem} {problem}"));
        Problem generated = Problem.generated("arith-1", "2+3", "5", null, "arith");
        assertEquals("arith", generated.where());
        assertEquals("Q: 2+3", new PromptTemplate("q", "Q: {problem}").render(generated));
    }

    private Path write(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static void assertMessage(Path file, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> ProblemFile.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
