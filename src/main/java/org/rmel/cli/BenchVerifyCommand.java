package org.rmel.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.tasks.Benchmark;
import org.rmel.tasks.BenchmarkRegistry;
import org.rmel.tasks.Problem;
import org.rmel.verify.AnswerVariants;
import org.rmel.verify.Verdict;
import org.rmel.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench verify}: single-thread verifications per second on MATH-500 gold answers against
 * rewritten spellings of themselves inside a short solution (\dfrac, \left( \right), spacing,
 * \boxed in a sentence), and the slowest single call.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verifier throughput (one thread) on MATH-500 gold-vs-rewritten pairs, and the worst call.")
public final class BenchVerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--benchmarks", paramLabel = "DIR|FILE",
            description = "Folder with math500.jsonl, or the file itself (default: -D" + BenchmarkRegistry.DIR_PROPERTY
                    + " or $" + BenchmarkRegistry.DIR_ENVIRONMENT + ").")
    private Path location;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5", description = "Measuring time (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Warm-up before measuring, in CPU seconds of the verifying thread, so that the JIT is "
                    + "as warm on a loaded machine as on an idle one (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Override
    public Integer call() {
        if (!(seconds > 0) || !(warmup >= 0)) {
            throw new BadInputException("--seconds must be positive and --warmup not negative");
        }
        Path where = location != null ? location : BenchmarkRegistry.defaultDir().orElseThrow(() ->
                new BadInputException("no benchmarks folder: give --benchmarks DIR (or set -D"
                        + BenchmarkRegistry.DIR_PROPERTY + " / $" + BenchmarkRegistry.DIR_ENVIRONMENT + ")"));
        Benchmark math500 = BenchmarkRegistry.require("MATH-500");
        List<String[]> pairs = new ArrayList<>();
        for (Problem p : BenchmarkRegistry.load(math500, where)) {
            pairs.add(new String[] {p.answer(), AnswerVariants.rewritten(p.answer())});
        }
        Verifier verifier = new Verifier();
        int agreed = 0;
        for (String[] pair : pairs) {
            agreed += verifier.verify(pair[0], pair[1]).equal() ? 1 : 0;
        }
        warm(verifier, pairs, (long) (warmup * 1e9));
        Result r = run(verifier, pairs, (long) (seconds * 1e9));
        Slowest slowest = slowest(verifier, pairs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench verify: %d MATH-500 gold-vs-rewritten pairs, %d verified equal%n",
                pairs.size(), agreed);
        out.printf(Locale.ROOT, "  %,.0f verifications/s of wall time (one thread, %d calls in %.1f s)%n",
                r.calls / (r.nanos / 1e9), r.calls, r.nanos / 1e9);
        // on a shared machine the thread is not always on a core; CPU time gives the one-core rate
        out.printf(Locale.ROOT, "  %,.0f verifications per CPU-second of the verifying thread (%.1f s CPU)%n",
                r.calls / (r.cpuNanos / 1e9), r.cpuNanos / 1e9);
        out.printf(Locale.ROOT, "  worst single call in the timed run: %.2f ms wall (gold %s)%n",
                r.worstNanos / 1e6, r.worstGold);
        out.printf(Locale.ROOT, "  worst single call measured by thread CPU time: %.2f ms (gold %s)%n",
                slowest.cpuNanos / 1e6, slowest.gold);
        out.println("  machine: " + MachineInfo.describe() + ", load average "
                + String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.flush();
        return 0;
    }

    /** Calls made, wall time, CPU time of the measuring thread, and the slowest call. */
    private record Result(long calls, long nanos, long cpuNanos, long worstNanos, String worstGold) {
    }

    private record Slowest(long cpuNanos, String gold) {
    }

    /**
     * Each pair three times, timed by the thread's CPU clock: unlike wall time this does not count
     * the moments another process had the core, so it shows the verifier's own worst case.
     */
    private static Slowest slowest(Verifier verifier, List<String[]> pairs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long worst = 0;
        String gold = "";
        for (int round = 0; round < 3; round++) {
            for (String[] pair : pairs) {
                long t0 = threads.getCurrentThreadCpuTime();
                verifier.verify(pair[0], pair[1]);
                long t = threads.getCurrentThreadCpuTime() - t0;
                if (t > worst) {
                    worst = t;
                    gold = pair[0];
                }
            }
        }
        return new Slowest(worst, gold);
    }

    /** Verifies the pairs until the thread has used {@code cpuNanos} of CPU time. */
    private static void warm(Verifier verifier, List<String[]> pairs, long cpuNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        int sink = 0;
        while (threads.getCurrentThreadCpuTime() - start < cpuNanos) {
            for (String[] pair : pairs) {
                sink += verifier.verify(pair[0], pair[1]).equal() ? 1 : 0;
            }
        }
        if (sink < 0) {
            throw new IllegalStateException();
        }
    }

    private static Result run(Verifier verifier, List<String[]> pairs, long budgetNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long calls = 0;
        long worst = 0;
        String worstGold = "";
        int sink = 0;
        long now = start;
        while (now - start < budgetNanos) {
            for (String[] pair : pairs) {
                long t0 = System.nanoTime();
                Verdict v = verifier.verify(pair[0], pair[1]);
                long t1 = System.nanoTime();
                sink += v.equal() ? 1 : 0;
                if (t1 - t0 > worst) {
                    worst = t1 - t0;
                    worstGold = pair[0];
                }
                calls++;
            }
            now = System.nanoTime();
        }
        if (sink < 0) {
            throw new IllegalStateException(); // keeps the results alive for the JIT
        }
        return new Result(calls, now - start, threads.getCurrentThreadCpuTime() - cpuStart, worst, worstGold);
    }
}
