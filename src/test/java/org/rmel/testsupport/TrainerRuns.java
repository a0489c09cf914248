package org.rmel.testsupport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.rmel.cli.RmelCommand;
import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.LoggedEvent;
import org.rmel.run.ReadResult;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunEvent;
import org.rmel.run.StepEvent;

/**
 * Real trainers for fault tests: a child JVM running {@code org.rmel.Launcher} (so SIGKILL and the
 * exit code are real), the in-process command line, an uninterrupted reference run per settings
 * (computed once per test JVM), and what a run's log holds as the analysis reads it.
 */
public final class TrainerRuns {
    private static final Map<List<String>, Path> REFERENCES = new ConcurrentHashMap<>();

    private TrainerRuns() {
    }

    /** The outcome of a command: exit code and its stderr (stdout is discarded). */
    public record Outcome(int code, String err) {
        /** The lines of stderr starting with {@code error:}. */
        public List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error:")).toList();
        }
    }

    /** Runs the command line in this JVM. */
    public static Outcome inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, err.toString());
    }

    /** Starts {@code rmel ARGS} as a child JVM with extra {@code -D} properties; its output goes to {@code console}. */
    public static Process child(Path console, List<String> properties, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                "-Drmel.cache.dir=" + System.getProperty("rmel.cache.dir", ""), "-Dai.djl.offline=true"));
        properties.forEach(p -> cmd.add("-D" + p));
        cmd.add("org.rmel.Launcher");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(console.toFile())
                .redirectError(console.resolveSibling(console.getFileName() + ".err").toFile());
        pb.environment().remove("RMEL_DEBUG");
        return pb.start();
    }

    /** The child's stderr (written next to its console file). */
    public static String childErr(Path console) throws IOException {
        return Files.readString(console.resolveSibling(console.getFileName() + ".err"));
    }

    /** Waits until {@code condition} holds while {@code p} lives; fails when it exits or time runs out. */
    public static void await(BooleanSupplier condition, Process p, int seconds, Path console) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new AssertionError("trainer exited with " + p.exitValue() + " before the awaited moment:\n"
                        + Files.readString(console) + childErr(console));
            }
            if (System.nanoTime() > end) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + seconds + " s:\n" + Files.readString(console));
            }
            Thread.sleep(100);
        }
    }

    /**
     * An uninterrupted run with these {@code train} arguments (without {@code --out}), made once
     * per test JVM in a temp folder: what a run that was killed, resumed or failed and resumed must
     * reproduce exactly.
     */
    public static Path reference(List<String> trainArgs) {
        return REFERENCES.computeIfAbsent(List.copyOf(trainArgs), a -> {
            try {
                Path dir = Files.createTempDirectory("rmel-reference").resolve("run");
                List<String> args = new ArrayList<>(List.of("train"));
                args.addAll(a);
                args.addAll(List.of("--out", dir.toString()));
                Outcome o = inProcess(args.toArray(String[]::new));
                if (o.code() != 0) {
                    throw new IllegalStateException("reference run failed: " + o.err());
                }
                return dir;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** What a run's log holds once read (the resume and duplicate rules applied). */
    public record Log(List<RunEvent> events, ReadResult read) {
        public <T extends RunEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** Step → every step metric but the measurements of the machine ({@code time/*}, {@code device/*}). */
        public Map<Integer, Map<String, Double>> stepMetrics() {
            Map<Integer, Map<String, Double>> out = new TreeMap<>();
            for (StepEvent s : of(StepEvent.class)) {
                Map<String, Double> m = new TreeMap<>();
                s.metrics().forEach((k, v) -> {
                    if (!k.startsWith("time/") && !k.startsWith("device/")) {
                        m.put(k, v);
                    }
                });
                out.put(s.step(), m);
            }
            return out;
        }

        /** Step → reward/mean. */
        public Map<Integer, Double> rewards() {
            Map<Integer, Double> out = new TreeMap<>();
            of(StepEvent.class).forEach(s -> out.put(s.step(), s.metric("reward/mean")));
            return out;
        }

        /** "step/benchmark" → [pass_at_1, avg_at_8]. */
        public Map<String, List<Double>> evals() {
            Map<String, List<Double>> out = new LinkedHashMap<>();
            for (EvalEvent e : of(EvalEvent.class)) {
                out.put(e.step() + "/" + e.benchmark(), List.of(e.passAt1(), e.avgAt8()));
            }
            return out;
        }
    }

    public static Log log(Path dir) {
        List<RunEvent> events = new ArrayList<>();
        ReadResult r = RunDirectory.open(dir).read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                events.add(e.event());
            }

            @Override
            public void reset() {
                events.clear();
            }
        });
        return new Log(events, r);
    }
}
