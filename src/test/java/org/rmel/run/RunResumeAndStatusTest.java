package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;
import org.rmel.testsupport.RunScript;

class RunResumeAndStatusTest {
    @TempDir
    Path tmp;

    private static List<Integer> stepEvents(List<RunEvent> events) {
        return events.stream().filter(e -> e instanceof StepEvent).map(RunEvent::step).toList();
    }

    /** Steps 1–5 with a checkpoint after 3, killed mid-line; the resume must void steps 4–5. */
    private Path killedAfterFiveSteps() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 2, 4, 0.3, 6))) {
            for (int step = 1; step <= 5; step++) {
                s.group(step, "first-life", step, GroupEvent.ROLLOUT, 0, 1);
                s.step(step, Map.of("reward/mean", 0.5));
                if (step == 3) {
                    s.writer().checkpoint(3, "checkpoints/step-000003");
                }
            }
        }
        Files.writeString(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"type\":\"gro", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return dir;
    }

    @Test
    void resumeCutsTheTornLineAndVoidsStepsAfterTheLastCheckpoint() throws IOException {
        Path dir = killedAfterFiveSteps();
        try (RunScript s = RunScript.resume(dir)) {
            assertEquals(3, s.writer().resumedFrom().orElseThrow().step());
            for (int step = 4; step <= 6; step++) {
                s.group(step, "second-life", step, GroupEvent.ROLLOUT, 1, 1);
                s.step(step, Map.of("reward/mean", 1.0));
            }
            s.finish();
        }
        List<String> lines = Files.readAllLines(dir.resolve(RunFiles.EVENTS));
        assertTrue(lines.stream().noneMatch(l -> l.endsWith("\"gro")), "torn line cut off");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"resumed\"") && l.contains("\"from_step\":3")));

        List<RunEvent> events = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(RunLogTest.sink(events));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), stepEvents(events), "each step exactly once");
        List<String> groupPrompts = events.stream().filter(e -> e instanceof GroupEvent)
                .map(e -> ((GroupEvent) e).promptId() + "@" + e.step()).toList();
        assertEquals(List.of("first-life@1", "first-life@2", "first-life@3", "second-life@4", "second-life@5",
                "second-life@6"), groupPrompts);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(RunStatus.State.FINISHED, r.status().state());
        assertEquals(6, r.status().stepsDone());
        RunStatus quick = RunDirectory.open(dir).status();
        assertEquals(r.status().state(), quick.state());
        assertEquals(r.status().stepsDone(), quick.stepsDone());
        assertEquals(r.status().startedAt(), quick.startedAt());
    }

    @Test
    void aTypeFilteredTailSkipsOtherLinesButKeepsTheRules() throws IOException {
        Path dir = killedAfterFiveSteps();
        try (RunScript s = RunScript.resume(dir)) {
            s.step(4, Map.of("reward/mean", 1.0));
        }
        // A hand-written line with "type" not first is still recognised by parsing it.
        Files.writeString(dir.resolve(RunFiles.EVENTS), "{\"v\":1,\"t\":9,\"step\":5,\"type\":\"step\",\"metrics\":{}}\n"
                + "{\"v\":1,\"t\":9,\"step\":5,\"type\":\"group\",\"prompt_id\":\"x\",\"trajectories\":[]}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<RunEvent> seen = new ArrayList<>();
        try (EventTail tail = RunDirectory.open(dir).statusTail()) {
            Batch b;
            do {
                b = tail.poll(200);
                b.feed(RunLogTest.sink(seen));
            } while (!b.caughtUp());
        }
        assertTrue(seen.stream().allMatch(e -> RunStatusTracker.TYPES.contains(e.type())), seen.toString());
        assertEquals(List.of(1, 2, 3, 4, 5), stepEvents(seen));
        assertEquals(1.0, ((StepEvent) seen.stream().filter(e -> e instanceof StepEvent && e.step() == 4)
                .findFirst().orElseThrow()).metric("reward/mean"), "step 4 of the second life");
    }

    @Test
    void aTailThatAlreadyReadVoidedStepsIsReset() throws IOException {
        Path dir = killedAfterFiveSteps();
        try (EventTail tail = RunDirectory.open(dir).tail()) {
            List<RunEvent> seen = new ArrayList<>();
            EventSink sink = RunLogTest.sink(seen);
            tail.poll().feed(sink);
            assertEquals(List.of(1, 2, 3, 4, 5), stepEvents(seen));
            try (RunScript s = RunScript.resume(dir)) {
                s.step(4, Map.of("reward/mean", 1.0));
            }
            Batch b = tail.poll();
            assertTrue(b.reset());
            b.feed(sink);
            assertEquals(List.of(1, 2, 3, 4), stepEvents(seen));
            assertEquals(1.0, ((StepEvent) seen.stream().filter(e -> e instanceof StepEvent && e.step() == 4)
                    .findFirst().orElseThrow()).metric("reward/mean"));
        }
    }

    @Test
    void statusFollowsTheLifeOfARun() {
        Path dir = tmp.resolve("run");
        RunScript s = RunScript.create(dir, RunScript.spec("mel", 2, 4, 0.3, 10));
        s.step(1, Map.of());
        s.step(2, Map.of());
        RunStatus running = RunDirectory.open(dir).read().status();
        assertEquals(RunStatus.State.RUNNING, running.state());
        assertEquals(2, running.stepsDone());
        assertEquals(0.2, running.progress().orElseThrow(), 1e-12);
        // run_started at T0, steps at T0+1s and T0+2s: 1 s per step, 8 steps left.
        assertEquals(Duration.ofSeconds(8), running.eta().orElseThrow());
        assertEquals(RunScript.T0, running.startedAt().orElseThrow().toEpochMilli());
        s.close();
        assertEquals(RunStatus.State.KILLED, RunDirectory.open(dir).read().status().state());

        RunWriter again = RunWriter.resume(dir);
        assertEquals(RunStatus.State.RUNNING, RunDirectory.open(dir).read().status().state());
        again.finish(RunFinished.STOPPED);
        assertEquals(RunStatus.State.STOPPED, RunDirectory.open(dir).read().status().state());

        RunWriter third = RunWriter.resume(dir);
        third.fail("CUDA out of memory");
        RunStatus failed = RunDirectory.open(dir).read().status();
        assertEquals(RunStatus.State.FAILED, failed.state());
        assertEquals("CUDA out of memory", failed.detail());
        assertEquals(0, failed.stepsDone(), "no checkpoint: the resumes restarted from step 0");
    }

    @Test
    void aRunHasOneWriterAtATime() {
        Path dir = tmp.resolve("run");
        try (RunWriter w = RunWriter.create(dir, RunScript.spec("mel", 2, 4, 0.3, 10))) {
            BadInputException e = assertThrows(BadInputException.class, () -> RunWriter.resume(dir));
            assertTrue(e.getMessage().contains("already being written"), e.getMessage());
            assertEquals(RunLock.Liveness.ALIVE, RunLock.probe(dir));
        }
        assertEquals(RunLock.Liveness.GONE, RunLock.probe(dir));
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunWriter.create(dir, RunScript.spec("mel", 2, 4, 0.3, 10)));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
    }

    @Test
    void aStaleLockFileOfADeadProcessReadsAsGone() throws IOException {
        Path dir = tmp.resolve("run");
        RunWriter.create(dir, RunScript.spec("mel", 2, 4, 0.3, 10)).close();
        Files.writeString(dir.resolve(RunFiles.LOCK), "999999 somewhere\n");
        assertEquals(RunLock.Liveness.GONE, RunLock.probe(dir));
        RunWriter.resume(dir).finish("completed");
    }

    @Test
    void unusableFoldersAreNamedInTheError() throws IOException {
        assertMessage(tmp.resolve("nope"), "nope: no such run folder");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertMessage(file, "file.txt: not a run folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertMessage(empty, "empty: not a run folder (it has neither run.json nor events.jsonl)");
        Path noSpec = Files.createDirectories(tmp.resolve("nospec"));
        Files.writeString(noSpec.resolve(RunFiles.EVENTS), "");
        assertMessage(noSpec, "nospec/run.json: missing");
        Path badSpec = Files.createDirectories(tmp.resolve("badspec"));
        Files.writeString(badSpec.resolve(RunFiles.SPEC), "{\n  \"k\": 8,\n  \"budget\": \n}\n");
        assertMessage(badSpec, "badspec/run.json line 4: not valid JSON");
        Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        Files.writeString(garbage.resolve(RunFiles.SPEC), "{}");
        Files.writeString(garbage.resolve(RunFiles.EVENTS), "PK\u0003\u0004 binary\nmore\n");
        BadInputException e = assertThrows(BadInputException.class, () -> RunDirectory.open(garbage).read());
        assertTrue(e.getMessage().contains("events.jsonl: no readable event; first problem: ")
                && e.getMessage().contains("events.jsonl line 1: not valid JSON"), e.getMessage());
    }

    private static void assertMessage(Path dir, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> RunDirectory.open(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
