package org.rmel.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmel.base.BadInputException;
import org.rmel.launch.TrainerCommand;

/**
 * One {@code sbatch} job array per submission, one task per run (array task id = the cell's
 * index): {@code STUDY/slurm/task.sh} writes a probe file (proof that the compute node sees the
 * study folder) and then runs {@code study task STUDY --cell N} with the workbench's java and jar,
 * which starts the cell's run or, when the run exists, resumes it from its last checkpoint. Status
 * combines the run folders with {@code squeue} (queued, running, recently ended) and {@code sacct}
 * (how a task that left the queue ended: TIMEOUT, OUT_OF_MEMORY, NODE_FAIL…); cancel is
 * {@code scancel}. The study folder must be on storage the submitting machine and the compute
 * nodes share: a task that ran without leaving its probe file is reported as exactly that.
 */
public final class SlurmExecutor implements StudyExecutor {
    public static final String SCRIPT = "task.sh";
    public static final String PROBES = "probe";
    public static final String TASK_LOGS = "logs";
    private static final Set<String> QUEUED = Set.of("PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
            "RESV_DEL_HOLD", "SUSPENDED", "STAGE_OUT");
    private static final Set<String> RUNNING = Set.of("RUNNING", "COMPLETING", "SIGNALING", "RESIZING");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final SlurmClient slurm;
    private final TrainerCommand command;
    private final Duration poll;

    public SlurmExecutor(SlurmClient slurm, TrainerCommand command, Duration poll) {
        this.slurm = slurm;
        this.command = command;
        this.poll = poll;
    }

    /** For the study's settings ({@code slurm_bin}), this process's environment and this JVM's java and class path. */
    public static SlurmExecutor of(Study study, Map<String, String> environment) {
        Optional<Path> bin = Optional.ofNullable(study.spec().executor().settings().get("slurm_bin")).map(Path::of);
        return new SlurmExecutor(new SlurmClient(environment, bin), TrainerCommand.ofCurrentJvm(), Duration.ofSeconds(5));
    }

    @Override
    public int run(Study study, Mode mode, boolean wait, java.util.function.Consumer<String> out) {
        slurm.require("sbatch");
        StudyStatus before = status(study);
        List<String> missingProbe = missingProbes(before);
        if (mode == Mode.RESUME && !missingProbe.isEmpty()) {
            throw new BadInputException(missingProbe.get(0) + " — resubmitting would fail the same way");
        }
        List<Integer> cells = before.cells().stream().filter(c -> mode.takes(c.state()))
                .map(c -> c.cell().index()).toList();
        if (cells.isEmpty()) {
            say(out, "nothing to submit: " + before.summary()
                    + (mode == Mode.START && before.cells().stream().anyMatch(c -> c.state().resumable())
                    ? "; `study resume " + study.dir() + "` resubmits the stopped, killed and failed runs" : ""));
        } else {
            submit(study, cells, out);
        }
        if (!wait) {
            return 0;
        }
        return follow(study, out);
    }

    private void submit(Study study, List<Integer> cells, java.util.function.Consumer<String> out) {
        try {
            Files.createDirectories(study.slurmDir().resolve(PROBES));
            Files.createDirectories(study.slurmDir().resolve(TASK_LOGS));
            Path script = writeScript(study);
            String job = slurm.sbatch(sbatchOptions(study, cells), script);
            SlurmJobs.read(study).with(new SlurmJobs.Submission(job, cells,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())).write(study);
            List<String> names = cells.stream().map(i -> study.spec().cell(i).name()).toList();
            say(out, "submitted job array " + job + " (" + cells.size() + " task" + (cells.size() == 1 ? "" : "s")
                    + ": " + String.join(", ", names) + "); task logs in " + study.slurmDir().resolve(TASK_LOGS)
                    + "; follow with `study status " + study.dir() + "`");
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(study.slurmDir() + ": cannot write the job files", e);
        }
    }

    /** The sbatch options of one array: the executor's settings, the array list, names and log paths. */
    List<String> sbatchOptions(Study study, List<Integer> cells) {
        ExecutorSpec e = study.spec().executor();
        List<String> o = new ArrayList<>();
        o.add("--array=" + arrayList(cells));
        o.add("--job-name=rmel-" + study.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        o.add("--output=" + study.slurmDir().resolve(TASK_LOGS).resolve("%A_%a.out"));
        o.add("--chdir=" + study.dir());
        o.add("--ntasks=1");
        opt(e, "partition").ifPresent(v -> o.add("--partition=" + v));
        opt(e, "time").ifPresent(v -> o.add("--time=" + v));
        opt(e, "gpus_per_task").filter(v -> Integer.parseInt(v) > 0).ifPresent(v -> o.add("--gres=gpu:" + v));
        opt(e, "cpus_per_task").ifPresent(v -> o.add("--cpus-per-task=" + v));
        opt(e, "mem_per_task").ifPresent(v -> o.add("--mem=" + v));
        opt(e, "account").ifPresent(v -> o.add("--account=" + v));
        opt(e, "qos").ifPresent(v -> o.add("--qos=" + v));
        opt(e, "sbatch_args").ifPresent(v -> o.addAll(Arrays.stream(v.split("\\s+")).filter(s -> !s.isBlank()).toList()));
        return o;
    }

    private static Optional<String> opt(ExecutorSpec e, String key) {
        return Optional.ofNullable(e.settings().get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** 0,1,2,5,7,8 → "0-2,5,7-8". */
    static String arrayList(List<Integer> cells) {
        List<Integer> sorted = cells.stream().sorted().toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(sorted.get(i));
            if (j > i) {
                sb.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** {@code STUDY/slurm/task.sh}, rewritten on every submission (the executor settings may have changed). */
    Path writeScript(Study study) throws IOException {
        ExecutorSpec e = study.spec().executor();
        TrainerCommand c = command;
        if (opt(e, "java").isPresent() || opt(e, "classpath").isPresent() || opt(e, "java_options").isPresent()) {
            List<String> jvm = new ArrayList<>(c.jvmOptions());
            opt(e, "java_options").ifPresent(v -> jvm.addAll(Arrays.stream(v.split("\\s+")).filter(s -> !s.isBlank()).toList()));
            c = new TrainerCommand(opt(e, "java").orElse(c.javaBinary()), opt(e, "classpath").orElse(c.classpath()), jvm, c.mainClass());
        }
        List<String> java = c.subcommand("study", List.of("task", study.dir().toString(), "--cell"));
        StringBuilder sb = new StringBuilder();
        sb.append("#!/bin/bash\n");
        sb.append("# Written by `study run` / `study resume` (R-MEL Workbench) for the study in ").append(study.dir()).append(".\n");
        sb.append("# Array task N runs the study's cell N (study.json: conditions in order, seeds within each):\n");
        for (StudyCell cell : study.spec().cells()) {
            sb.append("#   ").append(cell.index()).append(" = ").append(cell.name()).append('\n');
        }
        opt(e, "setup").ifPresent(v -> {
            sb.append("# executor setting 'setup':\n");
            for (String line : v.split("[;\n]")) {
                if (!line.isBlank()) {
                    sb.append(line.strip()).append('\n');
                }
            }
        });
        String probe = study.slurmDir().resolve(PROBES) + "/${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}";
        sb.append("probe=").append(quote(study.slurmDir().resolve(PROBES).toString())).append("/\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n");
        sb.append("if ! printf '%s %s %s\\n' \"$(hostname)\" \"$(date +%s)\" \"$$\" > \"$probe\"; then\n");
        sb.append("  echo \"error: cannot write ").append(probe.replace("\"", "")).append(" from $(hostname): the study folder ")
                .append(study.dir()).append(" must be on storage the submitting machine and the compute nodes share\" >&2\n");
        sb.append("  exit 3\nfi\n");
        sb.append("exec");
        for (String part : java) {
            sb.append(' ').append(quote(part));
        }
        sb.append(" \"${SLURM_ARRAY_TASK_ID}\"\n");
        Path script = study.slurmDir().resolve(SCRIPT);
        Files.writeString(script, sb.toString());
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException ignored) {
            // sbatch runs the script with bash regardless
        }
        return script;
    }

    /** Single-quoted for bash. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Polls until no task is queued or running; 0 when every cell finished, else 1. */
    private int follow(Study study, java.util.function.Consumer<String> out) {
        String last = "";
        while (true) {
            StudyStatus s = status(study);
            String summary = s.summary();
            if (!summary.equals(last)) {
                say(out, summary + s.eta().map(d -> ", study ETA " + LocalExecutor.format(d)).orElse(""));
                s.notes().forEach(n -> say(out, "note: " + n));
                last = summary;
            }
            if (!s.anyActive()) {
                s.cells().stream().filter(c -> c.state() != CellState.FINISHED)
                        .forEach(c -> say(out, c.cell().name() + ": " + c.state().label() + " — " + c.detail()));
                return s.done() ? 0 : LocalExecutor.UNFINISHED;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return LocalExecutor.UNFINISHED;
            }
        }
    }

    @Override
    public StudyStatus status(Study study, RunStates states) {
        List<CellStatus> cells = states.read();
        SlurmJobs jobs = SlurmJobs.read(study);
        List<String> notes = new ArrayList<>();
        if (jobs.submissions().isEmpty()) {
            return new StudyStatus(cells, List.of("not submitted yet: `study run " + study.dir() + "` submits the job array"),
                    RunStates.eta(cells, Math.max(1, cells.size())));
        }
        Map<String, SlurmClient.Task> tasks = new HashMap<>();
        try {
            for (SlurmClient.Task t : slurm.squeue(jobs.jobIds())) {
                tasks.put(t.name(), t);
            }
        } catch (org.rmel.base.EnvironmentException e) {
            notes.add(e.getMessage() + " — the states below come from the run folders alone");
            List<CellStatus> alone = cells.stream().map(c -> jobs.latest(c.cell().index())
                    .map(j -> c.withJob(j + "_" + c.cell().index(), null)).orElse(c)).toList();
            return new StudyStatus(alone, notes, RunStates.eta(alone, 1));
        }
        List<String> unknown = new ArrayList<>();
        jobs.latest().forEach((cell, job) -> {
            if (!tasks.containsKey(job + "_" + cell)) {
                unknown.add(job);
            }
        });
        if (!unknown.isEmpty()) {
            SlurmClient.Accounting acct = slurm.sacct(unknown.stream().distinct().toList());
            acct.tasks().forEach(t -> tasks.putIfAbsent(t.name(), t));
            acct.unavailable().ifPresent(why -> notes.add("sacct: " + why
                    + " (tasks that left squeue are judged by their run folders alone)"));
        }
        List<CellStatus> out = new ArrayList<>();
        for (CellStatus c : cells) {
            Optional<String> job = jobs.latest(c.cell().index());
            if (job.isEmpty()) {
                out.add(c);
                continue;
            }
            String name = job.get() + "_" + c.cell().index();
            Path log = study.slurmDir().resolve(TASK_LOGS).resolve(name + ".out");
            out.add(combine(study, c.withJob(name, log), Optional.ofNullable(tasks.get(name)), name));
        }
        List<String> probes = missingProbes(new StudyStatus(out, List.of(), Optional.empty()));
        notes.addAll(probes.stream().limit(1).toList());
        long running = out.stream().filter(c -> c.state() == CellState.RUNNING).count();
        return new StudyStatus(out, notes, RunStates.eta(out, (int) Math.max(1, running)));
    }

    /** The run folder's view, refined by what Slurm says about the cell's latest task. */
    private CellStatus combine(Study study, CellStatus c, Optional<SlurmClient.Task> task, String name) {
        if (task.isEmpty()) {
            return c;
        }
        SlurmClient.Task t = task.get();
        String slurmSays = "slurm: " + t.state() + (t.reason().isBlank() || t.reason().equals("None") ? "" : " (" + t.reason() + ")")
                + t.exitCode().filter(x -> x != 0).map(x -> ", exit " + x).orElse("");
        if (QUEUED.contains(t.state())) {
            return c.state() == CellState.FINISHED ? c : c.with(CellState.QUEUED, slurmSays);
        }
        if (RUNNING.contains(t.state())) {
            if (c.state() == CellState.FINISHED || c.state() == CellState.FAILED || c.state() == CellState.STOPPED) {
                return c; // the run has its final event; the task is only winding down
            }
            return c.with(CellState.RUNNING, c.run().isPresent() ? c.detail() + "; " + slurmSays : "starting; " + slurmSays);
        }
        boolean probed = Files.exists(probeFile(study, name));
        boolean neverRan = t.node().isBlank() || t.node().equals("(null)") || t.node().startsWith("None");
        if (!study.started(c.cell()) && !probed && neverRan) {
            return c.with(CellState.PENDING, "the task ended before it started (" + slurmSays + ")");
        }
        if (!study.started(c.cell())) {
            String why = probed ? "the task ended (" + slurmSays + ") before creating its run; see " + c.log().orElse(null)
                    : noProbe(study, name, t);
            return c.with(CellState.FAILED, why);
        }
        if (c.state() == CellState.KILLED || c.state() == CellState.RUNNING) {
            // no final event: Slurm tells why (TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, CANCELLED...)
            return c.with(CellState.KILLED, "the task ended without a final event (" + slurmSays + "); `study resume` continues it");
        }
        return c.with(c.state(), c.detail() + " (" + slurmSays + ")");
    }

    static Path probeFile(Study study, String task) {
        return study.slurmDir().resolve(PROBES).resolve(task);
    }

    private static String noProbe(Study study, String name, SlurmClient.Task t) {
        return "task " + name + " ran" + (t.node().isBlank() ? "" : " on " + t.node()) + " (slurm: " + t.state()
                + ") but its probe file " + probeFile(study, name) + " never appeared here: the job could not write into "
                + "the study folder. The study folder must be on storage this machine and the compute nodes share "
                + "(a shared file system such as NFS or Lustre, with the same path on both), writable by the job";
    }

    /** Messages for cells whose task ran but left no probe file. */
    private static List<String> missingProbes(StudyStatus s) {
        List<String> out = new ArrayList<>();
        for (CellStatus c : s.cells()) {
            if (c.state() == CellState.FAILED && c.detail().contains("probe file")) {
                out.add(c.cell().name() + ": " + c.detail());
            }
        }
        return out;
    }

    @Override
    public void cancel(Study study, java.util.function.Consumer<String> out) {
        SlurmJobs jobs = SlurmJobs.read(study);
        if (jobs.submissions().isEmpty()) {
            say(out, "nothing submitted for " + study.dir());
            return;
        }
        SlurmClient.Output o = slurm.scancel(jobs.jobIds());
        if (!o.ok()) {
            throw new org.rmel.base.EnvironmentException("executor slurm: scancel failed: " + o.firstError());
        }
        say(out, "cancelled job array(s) " + String.join(", ", jobs.jobIds())
                + "; running tasks get SIGTERM (their trainers checkpoint and stop); `study resume " + study.dir() + "` continues");
    }

    private static void say(java.util.function.Consumer<String> out, String line) {
        out.accept("[" + LocalTime.now().format(CLOCK) + "] " + line);
    }
}
