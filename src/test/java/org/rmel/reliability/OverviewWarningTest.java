package org.rmel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.overview.FollowedRun;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunFiles;
import org.rmel.testsupport.RunScript;

/**
 * The workbench's Overview warning (fed by {@link FollowedRun}) lists every problem line of the log,
 * also in lines its curves do not parse, in line order after the run.json problems.
 */
class OverviewWarningTest {
    @TempDir
    Path tmp;

    @Test
    void problemsInLinesTheCurvesSkipAreShownToo() throws Exception {
        Path run = tmp.resolve("run");
        try (RunScript s = RunScript.create(run, RunScript.spec("r-mel", 4, 4, 0.3, 4))) {
            s.simulate("r-mel", 4, 8, 4, 4, 1);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve(RunFiles.EVENTS)));
        int group = 1;
        while (!lines.get(group).startsWith("{\"type\":\"group\"")) {
            group++;
        }
        lines.set(group, lines.get(group).replaceFirst("\"tokens\":\\d+", "\"tokens\":-7"));
        lines.add(lines.get(group + 1)); // a duplicate at the end
        Files.write(run.resolve(RunFiles.EVENTS), lines);

        try (FollowedRun followed = FollowedRun.follow(run, new AtomicLong(), Duration.ofMillis(20))) {
            long end = System.nanoTime() + 60_000_000_000L;
            List<ReadWarning> shown = followed.snapshot().warnings();
            while (shown.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(50);
                shown = followed.snapshot().warnings();
            }
            assertEquals(2, shown.size(), shown.toString());
            assertEquals(group + 1, shown.get(0).line());
            assertTrue(shown.get(0).message().contains("trajectories[0].tokens -7 is negative"), shown.toString());
            assertEquals(lines.size(), shown.get(1).line());
            assertTrue(shown.get(1).message().startsWith("duplicate of line " + (group + 2)), shown.toString());
        }
    }
}
