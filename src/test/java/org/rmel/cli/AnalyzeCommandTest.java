package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;
import org.rmel.testsupport.RunScript;

class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private Path simulated(String name, String condition, long seed) {
        Path dir = tmp.resolve(name);
        try (RunScript s = RunScript.create(dir, RunScript.spec(condition, 4, 4, 0.3, 6))) {
            s.simulate(condition, 6, 9, 6, 4, seed);
            s.finish();
        }
        return dir;
    }

    @Test
    void reportsARunAsText() {
        Outcome o = run("analyze", simulated("run", "r-mel", 5).toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
        for (String part : List.of("Status FINISHED (completed): 6/6 steps", "All-negative groups", "Revision success",
                "attempts at tau 0.70", "p_keep", "LCP ratio, accepted", "by all-negative frequency, k/n over the whole run",
                "LCP filter rejected", "Leaks (state the answer)", "Tokens per rescued group", "readings: lcp_rule",
                "seed log-prob quintile", "Evaluation (%)", "synthetic", "Generated tokens", "derived/all_negative_frac",
                "Learning within the run", "training reward")) {
            assertTrue(o.out().contains(part), part + " missing in\n" + o.out());
        }
    }

    /** The bundled sample runs: a run given with --with outside R-MEL's cohort (an ablation) is noted and left out. */
    @Test
    void anAblationGivenWithWithDoesNotMoveRmelsDifficulty() {
        Path samples = Path.of("sample-runs");
        Outcome paper = run("analyze", samples.resolve("r-mel").toString(), "--with", samples.resolve("mel").toString(),
                samples.resolve("mel-extra").toString());
        Outcome more = run("analyze", samples.resolve("r-mel").toString(), "--with", samples.resolve("mel").toString(),
                samples.resolve("mel-extra").toString(), samples.resolve("r-mel-b1").toString(), samples.resolve("r-mel-adaptive").toString());
        assertEquals(0, more.code(), more.err());
        assertTrue(paper.out().contains("Revision success by difficulty band, k of 3 runs (MEL, MEL+Extra, R-MEL) all-negative at this"
                + " visit (paper)"), paper.out());
        assertEquals(paper.out(), more.out());
        assertTrue(more.err().contains("r-mel-b1 is not in") && more.err().contains("r-mel-adaptive is not in"), more.err());
    }

    @Test
    void difficultyDefinitionsAreSelectableAndNamed() throws IOException {
        Path rmel = simulated("rmel", "r-mel", 5);
        Path mel = simulated("mel", "mel", 5);
        Outcome across = run("analyze", rmel.toString(), "--with", mel.toString());
        assertEquals(0, across.code(), across.err());
        assertTrue(across.out().contains("by all-negative frequency, k of 2 runs (MEL, R-MEL; no MEL+Extra run of this seed) "
                + "all-negative at this visit (paper)"), across.out());
        assertTrue(across.err().contains("no MEL+Extra run selected") && across.err().contains("k of 2"), across.err());
        Outcome json = run("analyze", "--json", rmel.toString(), "--difficulty", "across-runs", "--with", mel.toString());
        assertEquals("ACROSS_RUNS", RunJson.MAPPER.readTree(json.out()).get("difficulty").get("definition").asText());
        Outcome online = run("analyze", rmel.toString(), "--difficulty", "online");
        assertTrue(online.out().contains("k/n before this visit (online)"), online.out());
        Outcome lonely = run("analyze", rmel.toString(), "--difficulty", "across-runs");
        assertEquals(2, lonely.code());
        assertTrue(lonely.err().contains("--with"), lonely.err());
        assertEquals(2, run("analyze", rmel.toString(), "--difficulty", "visits").code());
    }

    @Test
    void jsonHasTheDocumentedKeys() throws IOException {
        Outcome o = run("analyze", "--json", simulated("run", "mel-extra", 6).toString());
        assertEquals(0, o.code(), o.err());
        JsonNode j = RunJson.MAPPER.readTree(o.out());
        for (String k : List.of("format", "run", "spec", "status", "events", "warnings", "analysis", "comparisons", "learning")) {
            assertTrue(j.has(k), k);
        }
        assertEquals("finished", j.get("status").get("state").asText());
        assertEquals(6, j.get("status").get("steps_done").asInt());
        JsonNode a = j.get("analysis");
        for (String k : List.of("last_step", "series", "all_negative", "revision_success", "revision_by_tau", "p_keep",
                "p_keep_by_source", "leaks", "lcp", "difficulty", "revision_by_seed_logprob", "evals",
                "best_step", "compute")) {
            assertTrue(a.has(k), k + " in " + a.fieldNames());
        }
        assertFalse(a.has("eval_events"));
        assertTrue(a.get("lcp").has("filter_rejected"));
        assertEquals("WHOLE_RUN", j.get("difficulty").get("definition").asText(), "the single-run default");
        assertTrue(a.get("compute").has("extra_rescued"));
        for (String k : List.of("successes", "trials", "value", "low", "high")) {
            assertTrue(a.get("all_negative").has(k), k);
        }
        assertTrue(a.get("revision_success").get("value").isNull(), "no revisions in MEL+Extra: null, not NaN");
        assertTrue(j.get("difficulty").get("extra").size() > 0);
        assertTrue(a.get("compute").get("extra_tokens").asLong() > 0);
        assertTrue(a.get("series").get("reward/mean").get("steps").isArray());
        assertTrue(a.get("evals").get("synthetic").get(0).get("pass_at_k").has("8"));
    }

    @Test
    void comparesWithABaselineByPairedBootstrap() throws IOException {
        Path a = simulated("a", "r-mel", 1);
        Path b = simulated("b", "mel", 2);
        Outcome o = run("analyze", a.toString(), "--baseline", b.toString(), "--resamples", "2000");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Paired bootstrap"), o.out());
        assertTrue(o.out().contains("2000 resamples, seed 0"), o.out());
        Outcome j = run("analyze", "--json", a.toString(), "--baseline", b.toString(), "--resamples", "2000");
        JsonNode c = RunJson.MAPPER.readTree(j.out()).get("comparisons");
        assertEquals(2, c.size());
        assertEquals("PASS_AT_1", c.get(0).get("metric").asText());
        assertEquals(10, c.get(0).get("paired").asInt());
        assertTrue(c.get(0).get("low").asDouble() <= c.get(0).get("difference").asDouble());
    }

    @Test
    void unusableInputExitsWithTwoAndNamesTheFile() throws IOException {
        Outcome missing = run("analyze", tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertEquals("error: " + tmp.resolve("nope") + ": no such run folder\n", missing.err());

        Path notRun = Files.createDirectories(tmp.resolve("photos"));
        Outcome o = run("analyze", notRun.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: " + notRun + ": not a run folder"), o.err());

        Path noSpec = simulated("nospec", "mel", 3);
        Files.delete(noSpec.resolve(RunFiles.SPEC));
        Outcome ns = run("analyze", noSpec.toString());
        assertEquals(2, ns.code());
        assertTrue(ns.err().contains("run.json: missing"), ns.err());
        assertFalse(ns.err().contains("Exception") || ns.err().contains("\tat "), ns.err());
    }

    @Test
    void aRunWithoutALogYetIsReadWithAWarning() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fresh"));
        Files.writeString(dir.resolve(RunFiles.SPEC), "{\"condition\": \"mel\"}");
        Outcome o = run("analyze", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("warning: " + dir.resolve(RunFiles.SPEC) + ": keys 'k', 'budget', 'tau_schedule', 'tau_min', "
                + "'seed', 'steps_total' are missing\n"
                + "warning: " + dir.resolve(RunFiles.EVENTS) + ": missing; the run has not logged anything yet\n",
                o.err());
        assertTrue(o.out().contains("Status KILLED"), o.out());
    }

    @Test
    void aCorruptLineIsAWarningUnlessStrict() throws IOException {
        Path dir = simulated("run", "r-mel", 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(RunFiles.EVENTS)));
        lines.set(2, lines.get(2).substring(0, 30) + "#garbage");
        Files.write(dir.resolve(RunFiles.EVENTS), lines);
        Outcome o = run("analyze", dir.toString());
        assertEquals(0, o.code());
        assertTrue(o.err().startsWith("warning: " + dir.resolve(RunFiles.EVENTS) + " line 3: not valid JSON"), o.err());
        assertTrue(o.out().contains("1 log problems"), o.out());
        Outcome strict = run("analyze", "--strict", dir.toString());
        assertEquals(2, strict.code());
        assertTrue(strict.err().contains("error: 1 problem(s) with --strict; first: " + dir.resolve(RunFiles.EVENTS)
                + " line 3"), strict.err());
    }

    @Test
    void anUnknownEventTypeIsSkippedWithAWarning() throws IOException {
        Path dir = simulated("run", "mel", 8);
        Files.writeString(dir.resolve(RunFiles.EVENTS), "{\"v\":2,\"type\":\"gpu\",\"t\":1}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Outcome o = run("analyze", dir.toString());
        assertEquals(0, o.code());
        assertTrue(o.err().contains("unknown event type 'gpu' skipped"), o.err());
    }

    /** The real launcher in a child JVM: exit codes and no stack trace reach the terminal. */
    @Test
    void theLauncherExitsWithTheDocumentedCodes() throws Exception {
        Path good = simulated("run", "r-mel", 9);
        Path truncated = simulated("cut", "r-mel", 9);
        byte[] bytes = Files.readAllBytes(truncated.resolve(RunFiles.EVENTS));
        Files.write(truncated.resolve(RunFiles.EVENTS), java.util.Arrays.copyOf(bytes, bytes.length - 25));
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve(RunFiles.SPEC), "{}");
        Files.writeString(garbage.resolve(RunFiles.EVENTS), "not json\nnor this\n");

        assertChild(good, 0, "");
        assertChild(truncated, 0, "incomplete last line");
        assertChild(garbage, 2, "error: " + garbage.resolve(RunFiles.EVENTS) + ": no readable event; first problem: "
                + garbage.resolve(RunFiles.EVENTS) + " line 1: not valid JSON");
    }

    private static void assertChild(Path dir, int code, String errPart) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.rmel.Launcher", "analyze", dir.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(code, p.exitValue(), err);
        assertTrue(err.contains(errPart), err);
        assertFalse(err.contains("\tat "), err);
        assertEquals(code == 0, new String(out, StandardCharsets.UTF_8).contains("Revision success"));
    }
}
