package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.RunScript;

class RunFollowerTest {
    @TempDir
    Path tmp;

    @Test
    void followsARunWrittenByAnotherThreadUntilItFinishes() throws Exception {
        Path dir = tmp.resolve("run");
        RunScript script = RunScript.create(dir, RunScript.spec("r-mel", 4, 4, 0.3, 40));
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        List<RunStatus.State> states = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        try (RunFollower f = RunFollower.start(RunDirectory.open(dir), Duration.ofMillis(10), new RunFollower.Listener() {
            @Override
            public void onBatch(Batch batch) {
                threads.add(Thread.currentThread().getName());
                batch.events().forEach(e -> seen.add(e.event()));
            }

            @Override
            public void onStatus(RunStatus status) {
                states.add(status.state());
                if (status.state() == RunStatus.State.FINISHED) {
                    finished.countDown();
                }
            }
        })) {
            Thread writer = new Thread(() -> {
                for (int step = 1; step <= 40; step++) {
                    script.group(step, "q" + step, 1, GroupEvent.ROLLOUT, 0, 1, 1, 0);
                    script.step(step, Map.of("reward/mean", step / 40.0));
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                script.finish();
            });
            writer.start();
            assertTrue(finished.await(20, TimeUnit.SECONDS), "follower saw the run finish; states " + states);
            writer.join();
        }
        List<Integer> steps = seen.stream().filter(e -> e instanceof StepEvent).map(RunEvent::step).toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            expected.add(i);
        }
        assertEquals(expected, steps, "every step once, in order");
        assertEquals(1 + 80 + 1, seen.size());
        assertEquals(RunStatus.State.RUNNING, states.get(0));
        assertTrue(threads.stream().allMatch(t -> t.startsWith("run-follower")), threads.toString());
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
    }

    @Test
    void aLargeLogArrivesInSeveralBatches() throws Exception {
        Path dir = tmp.resolve("big");
        try (RunScript s = RunScript.create(dir, RunScript.spec("mel", 8, 4, 0.3, 3000))) {
            for (int step = 1; step <= 3000; step++) {
                s.group(step, "q", step, GroupEvent.ROLLOUT, 0, 1, 1, 0, 0, 1, 1, 0);
            }
        }
        try (EventTail tail = RunDirectory.open(dir).tail()) {
            int batches = 0;
            int events = 0;
            Batch b;
            do {
                b = tail.poll(256 * 1024);
                batches++;
                events += b.events().size();
                assertTrue(b.offset() <= b.size());
            } while (!b.caughtUp());
            assertEquals(3001, events);
            assertTrue(batches > 3, "batches: " + batches);
        }
    }
}
