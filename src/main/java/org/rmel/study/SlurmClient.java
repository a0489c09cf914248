package org.rmel.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;

/**
 * The Slurm commands a study uses — {@code sbatch}, {@code squeue}, {@code sacct}, {@code scancel}
 * — found on the PATH (or in a configured folder) and run as child processes with a given
 * environment (e.g. {@code SLURM_CONF}). A missing command is a clear {@link BadInputException}.
 */
public final class SlurmClient {
    /** What one Slurm command printed. */
    public record Output(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The first line of stderr (else stdout), for messages. */
        public String firstError() {
            String s = stderr.isBlank() ? stdout : stderr;
            return s.strip().lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    /** One array task as {@code squeue} or {@code sacct} reports it. */
    public record Task(String jobId, int taskId, String state, String reason, Optional<Integer> exitCode,
            String node, String source) {
        public String name() {
            return jobId + "_" + taskId;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> environment;
    private final Optional<Path> binDir;

    public SlurmClient(Map<String, String> environment, Optional<Path> binDir) {
        this.environment = Map.copyOf(environment);
        this.binDir = binDir;
    }

    /** This process's environment and PATH. */
    public static SlurmClient ofSystem(Optional<Path> binDir) {
        return new SlurmClient(System.getenv(), binDir);
    }

    /** The command's path, or a message saying where it was looked for and what to do. */
    public Path require(String command) {
        if (binDir.isPresent()) {
            Path p = binDir.get().resolve(command);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new EnvironmentException("executor slurm: '" + command + "' is not in " + binDir.get()
                    + " (the study's executor.slurm_bin)");
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command);
            }
        }
        throw new EnvironmentException("executor slurm: '" + command + "' is not on the PATH (" + path + "): Slurm's "
                + "commands are needed where the study is run (a cluster's login node); install Slurm, set the "
                + "executor's slurm_bin to the folder that holds " + command + ", or use the local executor");
    }

    public Output exec(String command, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(require(command).toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("rmel-slurm", ".out");
            Path err = Files.createTempFile("rmel-slurm", ".err");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new EnvironmentException("executor slurm: " + command + " did not answer within "
                            + TIMEOUT.toSeconds() + " s (is slurmctld reachable?)");
                }
                return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new EnvironmentException("executor slurm: cannot run " + command + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("executor slurm: interrupted while running " + command);
        }
    }

    /** Submits {@code script} with {@code options}; returns the job id ({@code --parsable}). */
    public String sbatch(List<String> options, Path script) {
        List<String> args = new ArrayList<>(List.of("--parsable"));
        args.addAll(options);
        args.add(script.toString());
        Output o = exec("sbatch", args);
        if (!o.ok()) {
            String why = o.firstError();
            if (why.matches("(?i).*(contact|connect|timed out|zero bytes|communication).*")) {
                throw new EnvironmentException("executor slurm: sbatch cannot reach the Slurm controller: " + why);
            }
            throw new BadInputException("executor slurm: sbatch refused the job array (check the executor settings in study.json): " + why);
        }
        String id = o.stdout().strip().lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
        if (!id.matches("\\d+")) {
            throw new EnvironmentException("executor slurm: sbatch printed no job id (" + o.stdout().strip() + ")");
        }
        return id;
    }

    private static final String SQUEUE_FORMAT = "JobArrayID:40|,State:24|,Reason:60|,exit_code:12|,NodeList:60|";

    /** Array tasks of these jobs that Slurm still lists (queued, running, or ended within MinJobAge). */
    public List<Task> squeue(List<String> jobIds) {
        List<Task> out = new ArrayList<>();
        for (String id : jobIds) {
            Output o = exec("squeue", List.of("-h", "-r", "--states=all", "-j", id, "-O", SQUEUE_FORMAT));
            if (o.ok()) {
                out.addAll(parseSqueue(o.stdout()));
            }
        }
        return out;
    }

    static List<Task> parseSqueue(String text) {
        List<Task> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 5) {
                continue;
            }
            Optional<String[]> id = arrayTask(f[0].trim());
            if (id.isEmpty()) {
                continue;
            }
            Optional<Integer> exit = Optional.empty();
            try {
                int raw = Integer.parseInt(f[3].trim());
                exit = Optional.of(raw > 255 ? raw >> 8 : raw); // a wait status: code in the high byte
            } catch (NumberFormatException e) {
                // not ended yet
            }
            out.add(new Task(id.get()[0], Integer.parseInt(id.get()[1]), f[1].trim(), f[2].trim(), exit, f[4].trim(), "squeue"));
        }
        return out;
    }

    /** sacct's answer: the tasks it knows, or why it could not say (accounting disabled). */
    public record Accounting(List<Task> tasks, Optional<String> unavailable) {
    }

    public Accounting sacct(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return new Accounting(List.of(), Optional.empty());
        }
        Output o = exec("sacct", List.of("-n", "-P", "-X", "-j", String.join(",", jobIds), "-o", "JobID,State,ExitCode,NodeList,Reason"));
        if (!o.ok()) {
            return new Accounting(List.of(), Optional.of(o.firstError()));
        }
        return new Accounting(parseSacct(o.stdout()), Optional.empty());
    }

    /** Lines like {@code 123_4|TIMEOUT|0:15|node7|None}; pending ranges ({@code 123_[5-9]}) are squeue's business. */
    static List<Task> parseSacct(String text) {
        Map<String, Task> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 4) {
                continue;
            }
            Optional<String[]> id = arrayTask(f[0].trim());
            if (id.isEmpty()) {
                continue;
            }
            String state = f[1].trim().split("\\s+")[0]; // "CANCELLED by 0" → CANCELLED
            Optional<Integer> exit = Optional.empty();
            String[] code = f[2].trim().split(":");
            try {
                exit = Optional.of(Integer.parseInt(code[0]));
            } catch (NumberFormatException e) {
                // unknown
            }
            Task t = new Task(id.get()[0], Integer.parseInt(id.get()[1]), state, f.length > 4 ? f[4].trim() : "", exit,
                    f[3].trim(), "sacct");
            out.put(t.name(), t);
        }
        return new ArrayList<>(out.values());
    }

    /** "123_4" → {"123", "4"}; anything else (a pending range, a job step) → empty. */
    static Optional<String[]> arrayTask(String id) {
        int u = id.indexOf('_');
        if (u <= 0) {
            return Optional.empty();
        }
        String job = id.substring(0, u);
        String task = id.substring(u + 1);
        if (!job.matches("\\d+") || !task.matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new String[] {job, task});
    }

    public Output scancel(List<String> jobIds) {
        return exec("scancel", jobIds);
    }
}
