package org.rmel.app.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.testing.TestRuns;

class FollowedRunTest {

    /**
     * The Overview snapshots the followed runs whenever any of them ticks, so a snapshot can come
     * while a run just opened is being fed. It must hold whole batches: WorkbenchWindowTest once saw
     * 7 of a finished run's 12 steps drawn right after it was overlaid (a snapshot in the middle of
     * the run's one batch).
     */
    @Test
    void aSnapshotNeverHoldsPartOfABatch(@TempDir Path dir) throws Exception {
        int steps = 3000; // one batch (well under EventTail.DEFAULT_MAX_BYTES), fed over a few milliseconds
        Path run = TestRuns.finished(dir.resolve("run"), "mel", steps);
        Set<Integer> seen = new TreeSet<>();
        Set<Double> fractionsWithSteps = new TreeSet<>();
        try (FollowedRun followed = FollowedRun.follow(run, new AtomicLong(), Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                FollowedRun.Snapshot s = followed.snapshot();
                Series reward = s.series().get("reward/mean");
                int drawn = reward == null ? 0 : reward.size();
                seen.add(drawn);
                if (drawn > 0) {
                    fractionsWithSteps.add(s.loadedFraction());
                }
                if (drawn == steps || System.nanoTime() > deadline) {
                    break;
                }
            }
        }
        assertTrue(Set.of(0, steps).containsAll(seen) && seen.contains(steps),
                "step counts seen by snapshots while the run was read: " + seen);
        assertEquals(Set.of(1.0), fractionsWithSteps, "the loaded fraction belongs to the same batch as the steps");
    }
}
