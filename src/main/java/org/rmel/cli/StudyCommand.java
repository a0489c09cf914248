package org.rmel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.rmel.base.BadInputException;
import org.rmel.study.CellState;
import org.rmel.study.CellStatus;
import org.rmel.study.ExecutorSpec;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutor;
import org.rmel.study.StudyExecutors;
import org.rmel.study.StudySpec;
import org.rmel.study.StudyStatus;
import org.rmel.study.StudyTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code study create|run|resume|status|cancel|report}: one comparison repeated over seeds, on this machine or a Slurm cluster. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Studies: every condition × every seed as ordinary runs in one folder, run by a local pool of "
                + "trainers or a Slurm job array, with tables, figures and a claim-by-claim report over the seeds.",
                "  study create runs/study1                      (default: 5 conditions × 3 seeds of the default preset)",
                "  study run runs/study1                         (local: works until every run ended)",
                "  study status runs/study1",
                "  study report runs/study1"},
        subcommands = {StudyCommand.Create.class, StudyCommand.Run.class, StudyCommand.Resume.class,
                StudyCommand.Status.class, StudyCommand.Cancel.class, StudyReportCommand.class, StudyCommand.Task.class})
public final class StudyCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose: study create|run|resume|status|cancel|report");
    }

    static Consumer<String> lines(CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        return line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
    }

    /** {@code study create DIR}: writes study.json after checking every run's settings. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a study folder (study.json) after checking every (condition, seed)'s settings the way train does.",
                    "  study create runs/s1 --preset smoke --conditions mel,r-mel --seeds 1,2",
                    "  study create runs/paper --preset paper --model /models/Qwen2.5-7B-Instruct --set tasks=/data/dapo.jsonl \\",
                    "      --executor slurm --executor-set partition=gpu --executor-set gpus_per_task=1 --executor-set time=24:00:00"})
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STUDY_DIR", description = "A new or empty folder.")
        private Path dir;

        @Option(names = "--preset", defaultValue = "default", description = "smoke, default or paper (default: ${DEFAULT-VALUE})")
        private String preset;

        @Option(names = "--conditions", paramLabel = "C1,C2", description = "default: mel,mel-extra,r-mel,r-mel-no-prefix,r-mel-b1")
        private String conditions;

        @Option(names = "--seeds", paramLabel = "S1,S2", description = "default: 1,2,3")
        private String seeds;

        @Option(names = "--model", paramLabel = "PATH", description = "a Hugging Face model folder for every run (as --set model=PATH)")
        private String model;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a setting every run shares, by its run.json name")
        private List<String> sets = new ArrayList<>();

        @Option(names = "--override", paramLabel = "CONDITION:KEY=VALUE", description = "a setting of one condition's runs only")
        private List<String> overrides = new ArrayList<>();

        @Option(names = "--reference", description = "the condition differences are taken against (default: r-mel when studied, else the first condition)")
        private String reference;

        @Option(names = "--executor", defaultValue = "local", description = "local or slurm (default: ${DEFAULT-VALUE})")
        private String executor;

        @Option(names = "--executor-set", paramLabel = "KEY=VALUE",
                description = "an executor setting: local parallel; slurm partition, time, gpus_per_task, cpus_per_task, "
                        + "mem_per_task, account, qos, java, java_options, classpath, setup, sbatch_args, slurm_bin")
        private List<String> executorSets = new ArrayList<>();

        @Override
        public Integer call() {
            Map<String, String> settings = new LinkedHashMap<>();
            if (model != null) {
                settings.put("model", model);
            }
            for (String kv : sets) {
                String[] p = keyValue("--set", kv);
                settings.put(p[0], p[1]);
            }
            Map<String, Map<String, String>> perCondition = new LinkedHashMap<>();
            for (String o : overrides) {
                int colon = o.indexOf(':');
                if (colon <= 0) {
                    throw new BadInputException("--override " + o + ": expected CONDITION:KEY=VALUE");
                }
                String[] p = keyValue("--override " + o.substring(0, colon) + ":", o.substring(colon + 1));
                perCondition.computeIfAbsent(o.substring(0, colon).trim(), c -> new LinkedHashMap<>()).put(p[0], p[1]);
            }
            Map<String, String> exec = new LinkedHashMap<>();
            for (String kv : executorSets) {
                String[] p = keyValue("--executor-set", kv);
                exec.put(p[0], p[1]);
            }
            List<String> conds = conditions == null ? StudySpec.DEFAULT_CONDITIONS : StudySpec.splitList(conditions);
            if (reference == null) {
                reference = conds.contains(StudySpec.DEFAULT_REFERENCE) || conds.isEmpty() ? StudySpec.DEFAULT_REFERENCE : conds.get(0);
            }
            StudySpec s = new StudySpec(StudySpec.VERSION, preset, conds,
                    seeds == null ? StudySpec.DEFAULT_SEEDS : parseSeeds(seeds), settings, perCondition, reference,
                    new ExecutorSpec(executor, exec), "");
            Study study = Study.create(dir, s);
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + study.dir() + ": " + s.conditions().size() + " conditions × " + s.seeds().size()
                    + " seeds = " + s.cells().size() + " runs of the " + s.preset() + " preset, " + s.executor().type()
                    + " executor; start it with `study run " + dir + "`");
            return 0;
        }

        static List<Integer> parseSeeds(String text) {
            List<Integer> out = new ArrayList<>();
            for (String part : StudySpec.splitList(text)) {
                try {
                    out.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    throw new BadInputException("--seeds: '" + part + "' is not an integer");
                }
            }
            return out;
        }

        private static String[] keyValue(String option, String kv) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException(option + " " + kv + ": expected key=value");
            }
            return new String[] {kv.substring(0, eq).trim(), kv.substring(eq + 1)};
        }
    }

    /** Options shared by run and resume. */
    abstract static class Work implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STUDY_DIR")
        Path dir;

        @Option(names = "--parallel", paramLabel = "N", description = "local executor: trainers at once (default: study.json's, else one per two cores)")
        Integer parallel;

        @Option(names = "--wait", description = "slurm executor: follow the tasks until they have ended (the local executor always does)")
        boolean waitForEnd;

        abstract StudyExecutor.Mode mode();

        @Override
        public Integer call() {
            if (parallel != null && parallel < 1) {
                throw new BadInputException("--parallel must be at least 1, got " + parallel);
            }
            Study study = Study.open(dir);
            return StudyExecutors.of(study, Optional.ofNullable(parallel), System.getenv())
                    .run(study, mode(), waitForEnd, lines(spec));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Start the runs that have not started: local executor — a pool of trainer processes, working "
                    + "until they have ended (Ctrl-C / SIGTERM stops every trainer at the end of its step); slurm — "
                    + "one sbatch job array. Exit code 0 when every run finished, 3 when some did not."})
    static final class Run extends Work {
        @Override
        StudyExecutor.Mode mode() {
            return StudyExecutor.Mode.START;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Continue the stopped, killed and failed runs from their last checkpoint (train --resume), and start those not started.")
    static final class Resume extends Work {
        @Override
        StudyExecutor.Mode mode() {
            return StudyExecutor.Mode.RESUME;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every run's state (pending, queued, running, finished, stopped, failed, killed), steps and ETA.")
    static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STUDY_DIR")
        private Path dir;

        @Option(names = "--json", description = "one JSON object: cells (name, condition, seed, state, steps_done, steps_total, eta_s, detail, job, log), notes, eta_s")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            Study study = Study.open(dir);
            StudyStatus status = StudyExecutors.of(study, Optional.empty(), System.getenv()).status(study);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writeValueAsString(toJson(study, status)));
            } else {
                print(study, status, out);
            }
            return 0;
        }

        static ObjectNode toJson(Study study, StudyStatus status) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("study", study.dir().toString());
            o.put("executor", study.spec().executor().type());
            ArrayNode cells = o.putArray("cells");
            for (CellStatus c : status.cells()) {
                ObjectNode n = cells.addObject();
                n.put("name", c.cell().name());
                n.put("condition", c.cell().condition());
                n.put("seed", c.cell().seed());
                n.put("state", c.state().label());
                n.put("steps_done", c.stepsDone());
                c.stepsTotal().ifPresentOrElse(t -> n.put("steps_total", t), () -> n.putNull("steps_total"));
                c.eta().ifPresentOrElse(d -> n.put("eta_s", d.toSeconds()), () -> n.putNull("eta_s"));
                n.put("detail", c.detail());
                c.job().ifPresentOrElse(j -> n.put("job", j), () -> n.putNull("job"));
                c.log().ifPresentOrElse(l -> n.put("log", l.toString()), () -> n.putNull("log"));
                n.put("run", study.runDir(c.cell()).toString());
            }
            ArrayNode notes = o.putArray("notes");
            status.notes().forEach(notes::add);
            status.eta().ifPresentOrElse(d -> o.put("eta_s", d.toSeconds()), () -> o.putNull("eta_s"));
            return o;
        }

        static void print(Study study, StudyStatus status, PrintWriter out) {
            StudySpec s = study.spec();
            out.println("study " + study.dir() + ": " + s.conditions().size() + " conditions × " + s.seeds().size()
                    + " seeds, preset " + s.preset() + ", " + s.executor().type() + " executor");
            int w = Math.max(16, s.conditions().stream().mapToInt(String::length).max().orElse(0) + 2);
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", "condition"));
            for (int seed : s.seeds()) {
                header.append(String.format(Locale.ROOT, "%-26s", "seed " + seed));
            }
            out.println(header.toString().stripTrailing());
            for (String condition : s.conditions()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", condition));
                for (int seed : s.seeds()) {
                    CellStatus c = status.cells().stream().filter(x -> x.cell().condition().equals(condition)
                            && x.cell().seed() == seed).findFirst().orElseThrow();
                    row.append(String.format(Locale.ROOT, "%-26s", cell(c)));
                }
                out.println(row.toString().stripTrailing());
            }
            out.println(status.summary() + status.eta().filter(d -> status.anyActive())
                    .map(d -> "; study ETA " + minutes(d)).orElse(""));
            for (CellStatus c : status.cells()) {
                if (c.state() == CellState.FAILED || c.state() == CellState.KILLED || c.state() == CellState.STOPPED
                        || c.state() == CellState.QUEUED) {
                    out.println("  " + c.cell().name() + ": " + c.state().label() + " — " + c.detail()
                            + c.log().map(l -> " (log: " + l + ")").orElse(""));
                }
            }
            status.notes().forEach(n -> out.println("note: " + n));
        }

        private static String cell(CellStatus c) {
            String steps = c.stepsTotal().map(t -> " " + c.stepsDone() + "/" + t).orElse("");
            String eta = c.eta().map(d -> " ETA " + minutes(d)).orElse("");
            return c.state().label() + steps + eta;
        }

        static String minutes(java.time.Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Stop the study's work: local — the driver and its trainers (SIGTERM: each finishes its step and checkpoints); slurm — scancel the job arrays.")
    static final class Cancel implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STUDY_DIR")
        private Path dir;

        @Override
        public Integer call() {
            Study study = Study.open(dir);
            StudyExecutors.of(study, Optional.empty(), System.getenv()).cancel(study, lines(spec));
            return 0;
        }
    }

    /** What a Slurm array task runs; not meant to be typed. */
    @Command(name = "task", hidden = true, description = "Run one cell of a study in this process (a Slurm array task).")
    static final class Task implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY_DIR")
        private Path dir;

        @Option(names = "--cell", required = true, description = "the cell index (the array task id)")
        private int cell;

        @Override
        public Integer call() {
            StudyTask.run(dir, cell, System.out);
            return 0;
        }
    }

}
