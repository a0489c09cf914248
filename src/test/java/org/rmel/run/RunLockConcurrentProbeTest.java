package org.rmel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench probes a run's lock from several threads at once (each followed run's poll, the
 * library refresh, the Overview's whole-log check). A stale lock (a killed trainer's) must read as
 * gone from every one of them; before probes took turns, about a third of concurrent probes read
 * it as alive (the JVM refuses a second lock on a file it already locks).
 */
class RunLockConcurrentProbeTest {

    @Test
    void aStaleLockProbedFromSeveralThreadsAtOnceIsGoneEveryTime(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve(RunFiles.LOCK), "12345 a-host-that-is-gone\n"); // left by a killed trainer
        int threads = 4;
        int probes = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> alive = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                alive.add(pool.submit(() -> {
                    start.await();
                    int n = 0;
                    for (int i = 0; i < probes; i++) {
                        n += RunLock.probe(run) == RunLock.Liveness.ALIVE ? 1 : 0;
                    }
                    return n;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : alive) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            assertEquals(0, total, "probes of " + threads * probes + " that read the stale lock as alive");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriterOfThisJvmStaysAliveWhileOtherThreadsProbe(@TempDir Path run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RunLock lock = RunLock.acquire(run)) {
            List<Future<Integer>> gone = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                gone.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 200; i++) {
                        n += RunLock.probe(run) == RunLock.Liveness.GONE ? 1 : 0;
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : gone) {
                assertEquals(0, (int) f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(RunLock.Liveness.GONE, RunLock.probe(run), "released");
    }
}
