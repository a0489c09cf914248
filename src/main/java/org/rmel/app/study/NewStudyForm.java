package org.rmel.app.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rmel.study.ExecutorSpec;
import org.rmel.study.StudySpec;
import org.rmel.train.TrainSettings;

/**
 * The New Study dialog's model: folder, preset, conditions, seeds, reference, the shared training
 * settings the New Run dialog shows, and the executor with its settings. Validation is the
 * study's own ({@link StudySpec#problems()}: every value through the trainer's
 * {@link TrainSettings#validate}, every run through its cross-setting check), so the dialog
 * refuses exactly what {@code study create} would refuse.
 */
public final class NewStudyForm {
    public static final String FOLDER = "folder";
    public static final String PRESET = "preset";
    public static final String CONDITIONS = "conditions";
    public static final String SEEDS = "seeds";
    public static final String REFERENCE = "reference";
    public static final String EXECUTOR = "executor.type";
    /** Where a problem that involves several fields (one run's settings contradict each other) is reported. */
    public static final String FORM = "form";
    /** The shared training settings shown, by their run.json names. */
    public static final List<String> SETTINGS = List.of("k", "budget", "tau_schedule", "tau_min", "lr", "steps",
            "prompts_per_step", "temperature", "model", "tasks", "device");
    /** Executor settings shown, per executor. */
    public static final Map<String, List<String>> EXECUTOR_SETTINGS = Map.of(
            ExecutorSpec.LOCAL, List.of("parallel"),
            ExecutorSpec.SLURM, List.of("partition", "time", "gpus_per_task", "cpus_per_task", "mem_per_task"));

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path workspace;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> conditions = new LinkedHashSet<>(StudySpec.DEFAULT_CONDITIONS);

    public NewStudyForm(Path workspace) {
        this.workspace = workspace;
        values.put(FOLDER, workspace.resolve("study-" + STAMP.format(LocalDateTime.now())).toString());
        values.put(SEEDS, StudySpec.DEFAULT_SEEDS.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        values.put(REFERENCE, StudySpec.DEFAULT_REFERENCE);
        values.put(EXECUTOR, ExecutorSpec.LOCAL);
        values.put("executor.parallel", Integer.toString(ExecutorSpec.defaultParallel()));
        applyPreset("default");
    }

    /** An independent copy, for validating off the FX thread while the user keeps typing. */
    public NewStudyForm copy() {
        NewStudyForm c = new NewStudyForm(workspace);
        c.values.clear();
        c.values.putAll(values);
        c.conditions.clear();
        c.conditions.addAll(conditions);
        return c;
    }

    /** Fills the shared settings from a preset, keeping folder, conditions, seeds and executor. */
    public void applyPreset(String preset) {
        values.put(PRESET, preset);
        if (!TrainSettings.PRESETS.contains(preset)) {
            return;
        }
        TrainSettings s = TrainSettings.preset(preset);
        for (String key : SETTINGS) {
            values.put("settings." + key, text(s.get(key)));
        }
    }

    public void set(String field, String value) {
        values.put(field, value);
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    public void setCondition(String condition, boolean included) {
        if (included) {
            conditions.add(condition);
        } else {
            conditions.remove(condition);
        }
        List<String> ordered = TrainSettings.CONDITIONS.stream().filter(conditions::contains).toList();
        conditions.clear();
        conditions.addAll(ordered);
        if (!conditions.contains(get(REFERENCE)) && !conditions.isEmpty()) {
            values.put(REFERENCE, conditions.contains(StudySpec.DEFAULT_REFERENCE) ? StudySpec.DEFAULT_REFERENCE
                    : conditions.iterator().next());
        }
    }

    public List<String> conditions() {
        return List.copyOf(conditions);
    }

    public Path folder() {
        return Path.of(get(FOLDER).trim()).toAbsolutePath().normalize();
    }

    /** Field → why its value is refused; empty when the study can be created. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        String folder = folderProblem(get(FOLDER));
        if (folder != null) {
            problems.put(FOLDER, folder);
        }
        List<Integer> seeds = new ArrayList<>();
        for (String part : StudySpec.splitList(get(SEEDS))) {
            try {
                seeds.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                problems.put(SEEDS, "'" + part + "' is not an integer");
            }
        }
        String model = get("settings.model").trim();
        if (!model.equals(TrainSettings.BUILTIN_MODEL) && !model.isEmpty() && !Files.isDirectory(Path.of(model))
                && get(EXECUTOR).equals(ExecutorSpec.LOCAL)) {
            problems.put("settings.model", "no such folder: " + model);
        }
        String tasks = get("settings.tasks").trim();
        if (!tasks.equals(TrainSettings.BUILTIN_TASKS) && !tasks.isEmpty() && !Files.isRegularFile(Path.of(tasks))
                && get(EXECUTOR).equals(ExecutorSpec.LOCAL)) {
            problems.put("settings.tasks", "no such file: " + tasks);
        }
        for (Map.Entry<String, String> e : spec(seeds).problems().entrySet()) {
            String key = e.getKey();
            boolean field = key.equals(PRESET) || key.equals(CONDITIONS) || key.equals(SEEDS) || key.equals(REFERENCE)
                    || key.startsWith("settings.") || key.startsWith("executor.");
            problems.putIfAbsent(field ? key : FORM, field ? e.getValue() : key + ": " + e.getValue());
        }
        return problems;
    }

    /** The study this form describes (assumes {@link #problems()} is empty). */
    public StudySpec spec() {
        return spec(StudySpec.splitList(get(SEEDS)).stream().map(Integer::parseInt).toList());
    }

    private StudySpec spec(List<Integer> seeds) {
        return new StudySpec(StudySpec.VERSION, get(PRESET), conditions(), seeds, sharedSettings(), Map.of(),
                get(REFERENCE), executor(), "");
    }

    /**
     * The settings that differ from the preset (so study.json records the choices, and a condition's
     * own fixed values, such as R-MEL (B=1)'s budget, stay the condition's); no supervised warm start
     * for a model folder, as in the New Run dialog.
     */
    Map<String, String> sharedSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        TrainSettings preset = TrainSettings.PRESETS.contains(get(PRESET)) ? TrainSettings.preset(get(PRESET)) : null;
        for (String key : SETTINGS) {
            String v = get("settings." + key).trim();
            if (preset == null || !v.equals(text(preset.get(key)))) {
                out.put(key, v);
            }
        }
        String model = get("settings.model").trim();
        if (!model.equals(TrainSettings.BUILTIN_MODEL) && !model.isEmpty()) {
            out.put("warm_start_steps", "0");
        }
        return out;
    }

    ExecutorSpec executor() {
        String type = get(EXECUTOR);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : EXECUTOR_SETTINGS.getOrDefault(type, List.of())) {
            String v = get("executor." + key).trim();
            if (!v.isEmpty()) {
                settings.put(key, v);
            }
        }
        return new ExecutorSpec(type, settings);
    }

    private static String folderProblem(String folder) {
        if (folder.isBlank()) {
            return "choose a folder for the study";
        }
        if (Files.exists(Path.of(folder.trim()).resolve(StudySpec.FILE))) {
            return "already holds a study; open it with Study → Open Study…";
        }
        return org.rmel.app.launch.NewRunForm.outputProblem(folder);
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
