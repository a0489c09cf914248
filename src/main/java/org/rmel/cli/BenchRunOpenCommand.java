package org.rmel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rmel.app.bench.RunOpenBench;
import org.rmel.app.bench.SyntheticRun;
import org.rmel.base.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench run-open}: how long the workbench takes to open a large run — generate one (or
 * use {@code --run}), follow it to the end, build the Overview's charts, re-bucket a zoom, read
 * its status for the library.
 */
@Command(name = "run-open", mixinStandardHelpOptions = true,
        description = "Time to open a large run in the workbench (generated, 1,000,000 events by default).")
public final class BenchRunOpenCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
            description = "Events in the generated run (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--run", paramLabel = "RUN_DIR", description = "Measure this run instead of generating one.")
    private Path run;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (events < 2) {
            throw new BadInputException("--events must be at least 2, got " + events);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path temp = null;
        Path dir = run;
        try {
            if (dir == null) {
                temp = Files.createTempDirectory("rmel-bench-run-open");
                dir = temp.resolve("run");
                long start = System.nanoTime();
                long written = SyntheticRun.write(dir, events, 1);
                out.printf(Locale.ROOT, "generated %,d events in %.1f s%n", written, (System.nanoTime() - start) / 1e9);
            } else if (!Files.isDirectory(dir)) {
                throw new BadInputException(dir + ": no such run folder");
            }
            RunOpenBench.Result r = RunOpenBench.measure(dir);
            out.printf(Locale.ROOT, "run-open: %,d events (%,d MB, %,d steps)%n", r.lines(), r.bytes() >> 20, r.steps());
            out.printf(Locale.ROOT, "  first curve drawable after:     %.2f s%n", r.firstCurveSeconds());
            out.printf(Locale.ROOT, "  whole run read (series, status): %.2f s wall, %.2f s CPU%n", r.openSeconds(),
                    r.openCpuSeconds());
            out.printf(Locale.ROOT, "  all Overview charts (EMA, min/max/last): %.0f ms%n", r.chartsSeconds() * 1000);
            out.printf(Locale.ROOT, "  re-bucket after a zoom:         %.0f ms%n", r.zoomSeconds() * 1000);
            out.printf(Locale.ROOT, "  library status (separate read): %.2f s%n", r.librarySeconds());
            out.printf(Locale.ROOT, "  heap after opening:             %,d MiB%n", r.heapMiB());
            out.printf(Locale.ROOT, "  machine: %s, load average %.1f%n", MachineInfo.describe(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            out.flush();
            return 0;
        } finally {
            if (temp != null) {
                try (Stream<Path> files = Files.walk(temp)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
