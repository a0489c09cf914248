package org.rmel.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a study's runs execute: {@code local} (a pool of trainer processes on this machine) or
 * {@code slurm} (one {@code sbatch} job array, one task per run), with the executor's settings as
 * text, checked by {@link #problems()}.
 */
public record ExecutorSpec(String type, Map<String, String> settings) {
    public static final String LOCAL = "local";
    public static final String SLURM = "slurm";
    public static final List<String> TYPES = List.of(LOCAL, SLURM);

    /** One executor setting: its name, what it does, and its check (an error message or null). */
    public record Key(String name, String description, Function<String, String> check) {
    }

    private static final Pattern SLURM_TIME = Pattern.compile(
            "\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+|\\d+-\\d+:\\d{1,2}|\\d+-\\d+:\\d{1,2}:\\d{1,2}");
    private static final Pattern SLURM_MEMORY = Pattern.compile("\\d+[KMGT]?");

    private static final Map<String, List<Key>> KEYS = Map.of(
            LOCAL, List.of(
                    new Key("parallel", "trainer processes at once (default: one per two cores)", atLeast(1))),
            SLURM, List.of(
                    new Key("partition", "sbatch --partition (default: the cluster's default partition)", nonBlank()),
                    new Key("time", "time limit per task, sbatch --time (e.g. 90, 4:00:00 or 1-12:00:00)",
                            v -> SLURM_TIME.matcher(v).matches() ? null
                                    : "'" + v + "' is not a Slurm time (minutes, H:MM:SS or D-HH:MM:SS)"),
                    new Key("gpus_per_task", "GPUs per task, sbatch --gres=gpu:N (0 = none)", atLeast(0)),
                    new Key("cpus_per_task", "CPUs per task, sbatch --cpus-per-task", atLeast(1)),
                    new Key("mem_per_task", "memory per task, sbatch --mem (e.g. 16G, 4000M)",
                            v -> SLURM_MEMORY.matcher(v).matches() ? null
                                    : "'" + v + "' is not a Slurm memory size (a number with K, M, G or T)"),
                    new Key("account", "sbatch --account", nonBlank()),
                    new Key("qos", "sbatch --qos", nonBlank()),
                    new Key("java", "the java binary on the compute nodes (default: this one's)", nonBlank()),
                    new Key("java_options", "JVM options of each task, e.g. -Xmx24g", v -> null),
                    new Key("classpath", "the workbench jar (or class path) on the compute nodes (default: this one's)", nonBlank()),
                    new Key("setup", "shell lines run before each task (e.g. module load java/17); ';' or newlines", v -> null),
                    new Key("sbatch_args", "further sbatch options, separated by spaces", v -> null),
                    new Key("slurm_bin", "folder holding sbatch, squeue, sacct and scancel (default: the PATH)", nonBlank())));

    public ExecutorSpec {
        settings = Map.copyOf(new LinkedHashMap<>(settings));
    }

    public static ExecutorSpec local() {
        return new ExecutorSpec(LOCAL, Map.of());
    }

    /** The settings a type knows, in display order (empty for an unknown type). */
    public static List<Key> keys(String type) {
        return KEYS.getOrDefault(type, List.of());
    }

    /** Field ({@code executor.type}, {@code executor.KEY}) → why its value is refused. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!TYPES.contains(type)) {
            problems.put("executor.type", "unknown executor '" + type + "'; executors: " + String.join(", ", TYPES));
            return problems;
        }
        List<Key> known = keys(type);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            Key key = known.stream().filter(k -> k.name().equals(e.getKey())).findFirst().orElse(null);
            if (key == null) {
                problems.put("executor." + e.getKey(), "unknown " + type + " executor setting; known: "
                        + String.join(", ", known.stream().map(Key::name).toList()));
                continue;
            }
            String error = key.check().apply(e.getValue().trim());
            if (error != null) {
                problems.put("executor." + e.getKey(), error);
            }
        }
        return problems;
    }

    public String get(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** Trainer processes at once for the local executor: the setting, else one per two cores. */
    public int parallel() {
        String v = settings.get("parallel");
        return v == null || v.isBlank() ? defaultParallel() : Integer.parseInt(v.trim());
    }

    public static int defaultParallel() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private static Function<String, String> atLeast(int min) {
        return v -> {
            try {
                int n = Integer.parseInt(v);
                return n >= min ? null : "must be at least " + min + ", got " + n;
            } catch (NumberFormatException e) {
                return "'" + v + "' is not an integer";
            }
        };
    }

    private static Function<String, String> nonBlank() {
        return v -> v.isBlank() ? "must not be empty" : null;
    }
}
