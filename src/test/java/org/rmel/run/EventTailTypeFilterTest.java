package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.RunScript;

/** A tail that parses only some types gives exactly those events of a full read, resume rule included. */
class EventTailTypeFilterTest {
    @TempDir
    Path tmp;

    private static List<LoggedEvent> readAll(EventTail tail, List<ReadWarning> warnings) throws Exception {
        List<LoggedEvent> events = new ArrayList<>();
        Batch batch;
        do {
            batch = tail.poll(4096);
            if (batch.reset()) {
                events.clear();
                warnings.clear();
            }
            events.addAll(batch.events());
            warnings.addAll(batch.warnings());
        } while (!batch.caughtUp());
        return events;
    }

    @Test
    void keepsTheWantedTypesOfAFullReadWithTheirLineNumbers() throws Exception {
        Path run = tmp.resolve("run");
        try (RunScript script = RunScript.create(run, RunScript.spec("r-mel", 4, 4, 0.3, 30))) {
            script.simulate("r-mel", 30, 12, 4, 4, 5);
            script.finish();
        }
        Set<String> wanted = Set.of(StepEvent.TYPE, EvalEvent.TYPE);
        List<LoggedEvent> all = readAll(new EventTail(run.resolve(RunFiles.EVENTS)), new ArrayList<>());
        List<LoggedEvent> filtered = readAll(new EventTail(run.resolve(RunFiles.EVENTS), wanted), new ArrayList<>());
        List<LoggedEvent> expected = all.stream().filter(e -> wanted.contains(e.event().type())).toList();
        assertTrue(expected.size() > 10);
        assertEquals(expected, filtered);
    }

    @Test
    void theResumeRuleStillDropsUndoneStepsAndCorruptLinesStillWarn() throws Exception {
        Path run = tmp.resolve("resumed");
        try (RunScript script = RunScript.create(run, RunScript.spec("mel", 4, 4, 0.3, 10))) {
            for (int s = 1; s <= 5; s++) {
                script.group(s, "p" + s, 1, "rollout", 0, 1, 0, 1);
                script.step(s, Map.of("reward/mean", (double) s));
                if (s == 2) {
                    script.writer().checkpoint(2, "checkpoints/step-000002");
                }
            }
            script.writer().close(); // killed after step 5
        }
        Files.writeString(run.resolve(RunFiles.EVENTS), "{\"v\":1,\"type\":\"step\",oops\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (RunScript script = RunScript.resume(run)) {
            script.step(3, Map.of("reward/mean", 30.0));
            script.finish();
        }
        List<ReadWarning> warnings = new ArrayList<>();
        List<LoggedEvent> steps = readAll(new EventTail(run.resolve(RunFiles.EVENTS), Set.of(StepEvent.TYPE)), warnings);
        assertEquals(List.of(1, 2, 3), steps.stream().filter(e -> e.event() instanceof StepEvent)
                .map(e -> e.event().step()).toList(), "steps 3-5 of the lost work are dropped, the resumed step 3 kept");
        assertEquals(30.0, ((StepEvent) steps.get(steps.size() - 1).event()).metric("reward/mean"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("not valid JSON"), warnings.toString());
    }
}
