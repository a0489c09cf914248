package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.RunScript;

/** The writer and the reader agree on every event type, and the reader keeps the contract's rules. */
class RunLogTest {
    @TempDir
    Path tmp;

    private static List<RunEvent> events(RunDirectory run) {
        List<RunEvent> out = new ArrayList<>();
        run.read(sink(out));
        return out;
    }

    static EventSink sink(List<RunEvent> out) {
        return new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                out.add(e.event());
            }

            @Override
            public void reset() {
                out.clear();
            }
        };
    }

    private void appendRaw(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void everyEventTypeRoundTripsWithTheContractKeys() throws IOException {
        Path dir = tmp.resolve("run");
        List<RunEvent> written = new ArrayList<>();
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 4, 4, 0.3, 10))) {
            written.add(s.group(1, "q1", 1, GroupEvent.ROLLOUT, 0, 0, 0, 0));
            written.add(s.revision(1, "q1", 1, 0.55, 0.7, 0.5));
            written.add(s.meta(1, "q1", MetaExperienceEvent.REVISION, true));
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("reward/mean", 0.25);
            m.put("revision/success_rate", Double.NaN);
            written.add(s.step(1, m));
            written.add(s.eval(1, "math500", new boolean[] {true, false}, new int[] {8, 3}));
            s.writer().checkpoint(1, "checkpoints/step-000001");
            s.finish();
        }
        RunDirectory run = RunDirectory.open(dir);
        assertEquals("r-mel", run.spec().condition().orElseThrow());
        assertEquals(4, run.spec().k().getAsInt());
        assertEquals(List.of(0.7, 0.5, 0.3, 0.7), run.spec().tauSchedule());
        assertEquals(10, run.spec().stepsTotal().getAsInt());

        List<RunEvent> read = events(run);
        assertEquals(8, read.size());
        assertInstanceOf(RunStarted.class, read.get(0));
        assertEquals(run.spec().json(), ((RunStarted) read.get(0)).spec());
        for (int i = 0; i < written.size(); i++) {
            RunEvent w = written.get(i);
            RunEvent r = read.get(i + 1);
            assertEquals(w.getClass(), r.getClass());
            assertEquals(RunScript.T0 + 1000L * (i + 1), r.t(), "writer stamps t when it is 0");
        }
        assertEquals(((GroupEvent) written.get(0)).trajectories(), ((GroupEvent) read.get(1)).trajectories());
        assertEquals(((RevisionEvent) written.get(1)).attempts(), ((RevisionEvent) read.get(2)).attempts());
        assertEquals(1, ((RevisionEvent) read.get(2)).accepted());
        assertTrue(Double.isNaN(((StepEvent) read.get(4)).metric("revision/success_rate")));
        assertEquals(0.25, ((StepEvent) read.get(4)).metric("reward/mean"));
        assertEquals(((EvalEvent) written.get(4)).perProblem(), ((EvalEvent) read.get(5)).perProblem());
        assertEquals(new CheckpointEvent(read.get(6).t(), 1, "checkpoints/step-000001"), read.get(6));
        assertEquals("completed", ((RunFinished) read.get(7)).reason());

        List<String> lines = Files.readAllLines(run.eventsFile());
        String[][] keys = {
                {"run_started", "spec"},
                {"group", "prompt_id", "visit", "gold", "origin", "trajectories"},
                {"revision", "prompt_id", "seed_id", "seed_tokens", "attempts", "accepted"},
                {"meta_experience", "prompt_id", "source", "positive_id", "negative_id", "bifurcation_token",
                        "bifurcation_step", "critique", "heuristic", "replay_answer", "kept"},
                {"step", "metrics"},
                {"eval", "benchmark", "n", "pass_at_1", "avg_at_8", "per_problem"},
                {"checkpoint", "path"},
                {"run_finished", "reason"}};
        for (int i = 0; i < keys.length; i++) {
            JsonNode node = RunJson.MAPPER.readTree(lines.get(i));
            assertEquals(1, node.get("v").asInt(), lines.get(i));
            assertEquals(keys[i][0], node.get("type").asText());
            assertTrue(node.get("t").isIntegralNumber());
            for (int j = 1; j < keys[i].length; j++) {
                assertTrue(node.has(keys[i][j]), keys[i][0] + " lacks " + keys[i][j] + ": " + lines.get(i));
            }
            boolean stepped = i >= 1 && i <= 6;
            assertEquals(stepped, node.has("step"), lines.get(i));
        }
        JsonNode attempt = RunJson.MAPPER.readTree(lines.get(2)).get("attempts").get(0);
        for (String k : List.of("tau", "cut", "continuation", "tokens", "answer", "verified", "lcp", "lcp_ratio", "accepted")) {
            assertTrue(attempt.has(k), k);
        }
        assertTrue(RunJson.MAPPER.readTree(lines.get(4)).get("metrics").get("revision/success_rate").isNull(),
                "NaN is written as null");
    }

    /** The example lines in docs/run-format.md are real: each parses to its own type. */
    @Test
    void theDocumentedExampleLinesParse() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir"), "docs", "run-format.md");
        List<String> lines = Files.readAllLines(doc).stream().filter(l -> l.startsWith("{\"type\":")).toList();
        List<String> types = new ArrayList<>();
        for (String l : lines) {
            RunEvent e = RunJson.MAPPER.readValue(l, RunEvent.class);
            assertEquals(RunJson.MAPPER.readTree(l).get("type").asText(), e.type());
            types.add(e.type());
        }
        assertEquals(List.of("run_started", "group", "revision", "meta_experience", "step", "eval", "checkpoint",
                "resumed", "run_finished", "run_failed"), types);
        Path dir = Files.createDirectories(tmp.resolve("documented"));
        Files.writeString(dir.resolve(RunFiles.SPEC), "{}");
        Files.write(dir.resolve(RunFiles.EVENTS), lines);
        ReadResult r = RunDirectory.open(dir).read();
        assertEquals(List.of(), r.warnings(), "the examples, read as a log, keep every rule of contract 1.1");
        assertEquals(10, r.events());
    }

    @Test
    void tornLastLineWaitsUntilComplete() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel", 2, 4, 0.3, 3))) {
            try (EventTail tail = RunDirectory.open(dir).tail()) {
                assertEquals(1, tail.poll().events().size());
                String line = "{\"v\":1,\"type\":\"checkpoint\",\"t\":5,\"step\":2,\"path\":\"c\"}\n";
                appendRaw(s.writer().dir().resolve(RunFiles.EVENTS), line.substring(0, 20));
                Batch torn = tail.poll();
                assertTrue(torn.events().isEmpty());
                assertTrue(torn.tornTail());
                assertTrue(torn.warnings().isEmpty(), "a torn line is not an error while it is being written");
                appendRaw(s.writer().dir().resolve(RunFiles.EVENTS), line.substring(20));
                Batch done = tail.poll();
                assertEquals(List.of(new CheckpointEvent(5, 2, "c")), done.events().stream().map(LoggedEvent::event).toList());
                assertEquals(2, done.events().get(0).line());
                assertFalse(done.tornTail());
            }
        }
    }

    @Test
    void truncatedFileOfADeadRunIsReportedWithItsLine() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel", 2, 4, 0.3, 3))) {
            s.group(1, "q", 1, GroupEvent.ROLLOUT, 1, 0);
        }
        appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"type\":\"step\",\"t\":9,\"st");
        ReadResult r = RunDirectory.open(dir).read();
        assertEquals(2, r.events());
        assertEquals(1, r.warnings().size());
        assertEquals(3, r.warnings().get(0).line());
        assertTrue(r.warnings().get(0).toString().contains("events.jsonl line 3: incomplete last line"),
                r.warnings().get(0).toString());
        assertEquals(RunStatus.State.KILLED, r.status().state());
    }

    @Test
    void malformedLinesAreReportedWithLineNumbersAndReadingGoesOn() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel", 2, 4, 0.3, 3))) {
            appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"type\":\"group\", oops\n");
            appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"type\":\"group\",\"t\":3,\"step\":1,\"trajectories\":[]}\n");
            appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"t\":3,\"step\":1}\n");
            appendRaw(dir.resolve(RunFiles.EVENTS), "\n");
            s.step(1, Map.of("reward/mean", 0.5));
            s.finish();
        }
        ReadResult r = RunDirectory.open(dir).read();
        assertEquals(3, r.events(), "run_started, step, run_finished survive");
        List<String> w = r.warnings().stream().map(ReadWarning::toString).toList();
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).endsWith("events.jsonl line 2: not valid JSON (Unexpected character ('o' (code 111)): was expecting double-quote to start field name)"), w.get(0));
        assertTrue(w.get(1).endsWith("events.jsonl line 3: missing field 'prompt_id'"), w.get(1));
        assertTrue(w.get(2).endsWith("events.jsonl line 4: no \"type\" field"), w.get(2));
        assertEquals(RunStatus.State.FINISHED, r.status().state());
    }

    /**
     * An explicit null for a count, a number or a flag is reported with its path and the line
     * skipped (read as 0 or false it would pass every value rule); an absent one still takes its
     * default, and null still reads where the contract allows it (object or wrapper fields).
     */
    @Test
    void explicitNullForANumberOrAFlagIsReportedWhereTheContractAllowsNoNull() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("nulls"));
        Files.writeString(dir.resolve(RunFiles.SPEC), "{}");
        String group = "{\"type\":\"group\",\"v\":1,\"t\":2,\"step\":1,\"prompt_id\":\"q\",\"visit\":1,"
                + "\"trajectories\":[{\"id\":\"t0\",\"text\":\"x\",\"tokens\":%s,\"reward\":1.0,\"answer\":\"4\","
                + "\"logprob\":-1.5%s}]%s}";
        String revision = "{\"type\":\"revision\",\"v\":1,\"t\":3,\"step\":1,\"prompt_id\":\"q\",\"seed_id\":\"t0\","
                + "\"seed_tokens\":%s,\"seed_logprob\":null,\"attempts\":[{\"tau\":0.5,\"cut\":%s,"
                + "\"continuation\":\"c\",\"tokens\":4,\"answer\":\"4\",\"verified\":%s,\"lcp\":5,\"lcp_ratio\":0.5,"
                + "\"accepted\":false,\"prefix_bytes\":null}],\"accepted\":null,\"seed_offsets\":%s,\"mode\":null}";
        List<String> lines = List.of(
                "{\"type\":\"run_started\",\"v\":1,\"t\":1,\"spec\":{}}",
                String.format(group, "7", "", ",\"prompt\":null,\"gold\":null"),
                String.format(group, "null", "", ""),
                String.format(group, "7", ",\"truncated\":null", ""),
                String.format(group, "7", "", ",\"visit\":null"),
                String.format(revision, "10", "5", "true", "[0,1,2,3,4,5,6,7,8,9,10]"),
                String.format(revision, "null", "5", "true", "null"),
                String.format(revision, "10", "null", "true", "null"),
                String.format(revision, "10", "5", "null", "null"),
                String.format(revision, "10", "5", "true", "[0,null,2,3,4,5,6,7,8,9,10]"),
                "{\"type\":\"meta_experience\",\"v\":1,\"t\":4,\"step\":1,\"prompt_id\":\"q\",\"source\":null,"
                        + "\"critique\":null,\"heuristic\":null,\"replay_answer\":null,\"kept\":false,\"leak\":null}",
                "{\"type\":\"meta_experience\",\"v\":1,\"t\":4,\"step\":1,\"prompt_id\":\"q\",\"kept\":null}",
                "{\"type\":\"step\",\"v\":1,\"t\":5,\"step\":1,\"metrics\":{\"reward/mean\":null,\"loss/kl\":0.5}}",
                "{\"type\":\"eval\",\"v\":1,\"t\":6,\"step\":1,\"benchmark\":\"b\",\"n\":null,\"samples\":8,"
                        + "\"pass_at_1\":0.5,\"avg_at_8\":0.5}",
                "{\"type\":\"eval\",\"v\":1,\"t\":6,\"step\":1,\"benchmark\":\"b\",\"n\":1,\"samples\":8,"
                        + "\"pass_at_1\":null,\"avg_at_8\":0.5,\"per_problem\":null}",
                "{\"type\":\"eval\",\"v\":1,\"t\":6,\"step\":1,\"benchmark\":\"b\",\"n\":1,\"samples\":8,"
                        + "\"pass_at_1\":1.0,\"avg_at_8\":0.5,\"per_problem\":[{\"id\":\"p\",\"greedy_correct\":null,"
                        + "\"samples_correct\":1}]}",
                "{\"type\":\"eval\",\"v\":1,\"t\":6,\"step\":1,\"benchmark\":\"b\",\"n\":1,\"samples\":8,"
                        + "\"pass_at_1\":1.0,\"avg_at_8\":0.5,\"per_problem\":null}",
                "{\"type\":\"resumed\",\"v\":1,\"t\":7,\"from_step\":null,\"checkpoint\":null}",
                "{\"type\":\"run_finished\",\"v\":1,\"t\":null,\"reason\":\"completed\"}",
                "{\"type\":\"run_finished\",\"v\":1,\"t\":8,\"reason\":null}");
        Files.write(dir.resolve(RunFiles.EVENTS), lines);
        List<RunEvent> read = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(sink(read));
        assertEquals(List.of(
                "line 3: impossible value: trajectories[0].tokens is null; skipped",
                "line 4: impossible value: trajectories[0].truncated is null; skipped",
                "line 5: impossible value: visit is null; skipped",
                "line 7: impossible value: seed_tokens is null; skipped",
                "line 8: impossible value: attempts[0].cut is null; skipped",
                "line 9: impossible value: attempts[0].verified is null; skipped",
                "line 10: impossible value: seed_offsets[1] is null; skipped",
                "line 12: impossible value: kept is null; skipped",
                "line 14: impossible value: n is null; skipped",
                "line 15: impossible value: pass_at_1 is null; skipped",
                "line 16: impossible value: per_problem[0].greedy_correct is null; skipped",
                "line 18: impossible value: from_step is null; skipped",
                "line 19: impossible value: t is null; skipped"),
                r.warnings().stream().map(w -> "line " + w.line() + ": " + w.message()).toList());
        assertEquals(List.of("run_started", "group", "revision", "meta_experience", "step", "eval", "run_finished"),
                read.stream().map(RunEvent::type).toList(), "the lines with nulls the contract allows read");
        GroupEvent g = (GroupEvent) read.get(1);
        assertEquals(7, g.trajectories().get(0).tokens());
        assertFalse(g.trajectories().get(0).truncated(), "absent: false");
        RevisionEvent rev = (RevisionEvent) read.get(2);
        assertEquals(null, rev.accepted());
        assertEquals(null, rev.seedLogprob());
        assertTrue(Double.isNaN(((StepEvent) read.get(4)).metric("reward/mean")), "a metric written as null: no data");
        assertEquals(List.of(), ((EvalEvent) read.get(5)).perProblem());
    }

    @Test
    void unknownTypesAndFieldsAreSkipped() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel", 2, 4, 0.3, 3))) {
            appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"seq\":2,\"type\":\"gpu_sample\",\"t\":3,\"util\":0.9}\n");
            appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"seq\":3,\"type\":\"gpu_sample\",\"t\":4,\"util\":0.8}\n");
            appendRaw(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"seq\":4,\"type\":\"checkpoint\",\"t\":5,\"step\":3,"
                    + "\"path\":\"c\",\"sha256\":\"ab\",\"extra\":{\"x\":[1]}}\n");
        }
        List<RunEvent> read = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(sink(read));
        assertEquals(new CheckpointEvent(5, 3, "c"), read.get(1));
        assertEquals(1, r.warnings().size(), "one warning per unknown type");
        assertTrue(r.warnings().get(0).toString().contains("line 2: unknown event type 'gpu_sample' skipped"));
    }

    @Test
    void eventsCanBeReReadInFullFromTheirOffsets() {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 2, 4, 0.3, 3))) {
            s.group(1, "q", 1, GroupEvent.ROLLOUT, 0, 0);
            s.revision(1, "q", 0, 0.8, 0.7);
        }
        RunDirectory run = RunDirectory.open(dir);
        List<LoggedEvent> logged = new ArrayList<>();
        run.read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                logged.add(e);
            }

            @Override
            public void reset() {
                logged.clear();
            }
        });
        LoggedEvent rev = logged.get(2);
        assertEquals(3, rev.line());
        assertEquals(rev.event(), run.readEvent(rev.offset(), rev.length()));
        GroupEvent g = (GroupEvent) run.readEvent(logged.get(1).offset(), logged.get(1).length());
        assertEquals("step 1: ... answer 41", g.trajectories().get(0).text());
    }
}
