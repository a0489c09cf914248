package org.rmel.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rmel.app.library.RunLibrary;
import org.rmel.app.overview.ChartSpec;
import org.rmel.app.overview.FollowedRun;
import org.rmel.app.overview.OverviewModel;
import org.rmel.app.overview.XAxisMode;

/**
 * Measures what the workbench does when a large run is opened: follow the log to its end (the
 * reader on its own thread, as in the window), build every Overview chart (EMA + min/max/last
 * downsampling), re-bucket after a zoom, and read the run's status for the library.
 */
public final class RunOpenBench {
    private RunOpenBench() {
    }

    /** The figures of one measurement; times in seconds. */
    public record Result(long lines, long bytes, long steps, double firstCurveSeconds, double openSeconds,
                         double openCpuSeconds, double chartsSeconds, double zoomSeconds, double librarySeconds,
                         long heapMiB) {
    }

    public static Result measure(Path runDir) throws IOException, InterruptedException {
        long bytes = Files.size(runDir.resolve("events.jsonl"));
        System.gc();
        long lines = countLines(runDir.resolve("events.jsonl"));
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        FollowedRun.Snapshot snapshot;
        double firstCurve = -1;
        try (FollowedRun run = FollowedRun.follow(runDir, new AtomicLong(), Duration.ofMillis(50))) {
            while (run.loadedFraction() < 1 || run.status() == null) {
                if (firstCurve < 0 && run.hasSeries()) {
                    firstCurve = seconds(start); // the Overview draws from the first batch on, while the rest loads
                }
                Thread.sleep(5);
            }
            snapshot = run.snapshot();
        }
        double open = seconds(start);
        double openCpu = (processCpuNanos() - cpuStart) / 1e9;
        long chartsStart = System.nanoTime();
        for (ChartSpec spec : ChartSpec.overview()) {
            OverviewModel.chart(spec, List.of(snapshot), XAxisMode.STEP, 0.6, null, 300);
        }
        double chartsTime = seconds(chartsStart);
        double lastStep = snapshot.series().get("reward/mean").steps()[snapshot.series().get("reward/mean").size() - 1];
        long zoomStart = System.nanoTime();
        for (ChartSpec spec : ChartSpec.overview()) {
            OverviewModel.chart(spec, List.of(snapshot), XAxisMode.STEP, 0.6,
                    new OverviewModel.Range(lastStep * 0.45, lastStep * 0.55), 300);
        }
        double zoom = seconds(zoomStart);
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long libraryStart = System.nanoTime();
        try (RunLibrary library = new RunLibrary()) {
            library.refresh(runDir.getParent(), List.of(), List.of(runDir));
        }
        double libraryTime = seconds(libraryStart);
        return new Result(lines, bytes, snapshot.series().get("reward/mean").size(),
                firstCurve < 0 ? open : firstCurve, open, openCpu, chartsTime, zoom, libraryTime, heap);
    }

    /** CPU time of the whole process (all threads: the follower does the reading). */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long countLines(Path file) throws IOException {
        long count = 0;
        byte[] buffer = new byte[1 << 20];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
