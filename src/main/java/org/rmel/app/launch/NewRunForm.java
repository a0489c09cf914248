package org.rmel.app.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rmel.base.BadInputException;
import org.rmel.run.RunFiles;
import org.rmel.train.TrainSettings;

/**
 * The New Run dialog's model: the fields as text, their validation (the trainer's own
 * {@link TrainSettings#validate} per setting and its cross-setting check, so the dialog refuses
 * exactly what {@code train} would refuse), and the {@code train} arguments it becomes.
 */
public final class NewRunForm {
    public static final String PRESET = "preset";
    public static final String OUTPUT = "output";
    /** Where a problem that involves several fields is reported. */
    public static final String FORM = "form";
    /** The training settings the dialog shows, by their run.json names, in display order. */
    public static final List<String> SETTINGS = List.of("condition", "k", "budget", "tau_schedule", "tau_min", "lr",
            "steps", "prompts_per_step", "temperature", "seed", "model", "tasks", "device",
            // the paper's open readings (docs/method.md): choices in the dialog
            "lcp_rule", "revision_mode", "revision_in_grpo", "no_prefix_reading", "extra_match");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Path workspace;
    private boolean outputChosen;

    public NewRunForm(Path workspace) {
        this.workspace = workspace;
        values.put(PRESET, "default");
        applyPreset("default");
        values.put(OUTPUT, suggestedOutput());
    }

    /** An independent copy (for validating off the FX thread while the user keeps typing). */
    public NewRunForm copy() {
        NewRunForm copy = new NewRunForm(workspace);
        copy.values.clear();
        copy.values.putAll(values);
        copy.outputChosen = outputChosen;
        return copy;
    }

    /** Fills every setting from a preset (smoke, default, paper), keeping the chosen output folder. */
    public void applyPreset(String preset) {
        TrainSettings settings = TrainSettings.preset(preset);
        values.put(PRESET, preset);
        String condition = values.getOrDefault("condition", settings.string("condition"));
        for (String key : SETTINGS) {
            values.put(key, text(settings.get(key)));
        }
        set("condition", condition);
    }

    /** Sets a field; a condition that fixes a setting (no-prefix: τ_min 0; B = 1) sets it too. */
    public void set(String field, String value) {
        values.put(field, value);
        if (field.equals("condition")) {
            if (value.equals("r-mel-no-prefix")) {
                values.put("tau_min", "0.0");
            } else if (value.equals("r-mel-b1")) {
                values.put("budget", "1");
            }
            if (!outputChosen) {
                values.put(OUTPUT, suggestedOutput());
            }
        } else if (field.equals(OUTPUT)) {
            outputChosen = true;
        }
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    /** Field → why its value is refused; empty when the run can start. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!TrainSettings.PRESETS.contains(get(PRESET))) {
            problems.put(PRESET, "must be one of " + String.join(", ", TrainSettings.PRESETS));
        }
        for (String key : SETTINGS) {
            String error = switch (key) {
                case "model" -> modelProblem(get(key));
                case "tasks" -> tasksProblem(get(key));
                case "device" -> deviceProblem(get(key));
                default -> TrainSettings.validate(key, get(key));
            };
            if (error != null) {
                problems.put(key, error);
            }
        }
        String output = outputProblem(get(OUTPUT));
        if (output != null) {
            problems.put(OUTPUT, output);
        }
        if (problems.isEmpty()) {
            try {
                settings().checkConsistent();
            } catch (BadInputException e) {
                problems.put(FORM, e.getMessage());
            }
        }
        return problems;
    }

    /** The settings the trainer will run with (assumes {@link #problems()} is empty). */
    TrainSettings settings() {
        TrainSettings settings = TrainSettings.preset(get(PRESET)).withCondition(get("condition"));
        for (String[] kv : sets()) {
            settings = settings.with(kv[0], kv[1]);
        }
        return settings;
    }

    /**
     * The {@code --set} pairs: every shown setting but the condition, and no supervised warm start
     * for a model folder (the warm start exists for the built-in model only).
     */
    private List<String[]> sets() {
        List<String[]> sets = new ArrayList<>();
        for (String key : SETTINGS) {
            if (!key.equals("condition")) {
                sets.add(new String[] {key, get(key).trim()});
            }
        }
        if (!get("model").trim().equals(TrainSettings.BUILTIN_MODEL)) {
            sets.add(new String[] {"warm_start_steps", "0"});
        }
        return sets;
    }

    public Path outputDir() {
        return Path.of(get(OUTPUT).trim()).toAbsolutePath().normalize();
    }

    /** {@code --preset P --condition C --out DIR --set key=value...} for every shown setting. */
    public List<String> trainArgs() {
        List<String> args = new ArrayList<>(List.of("--preset", get(PRESET), "--condition", get("condition"),
                "--out", outputDir().toString()));
        for (String[] kv : sets()) {
            args.add("--set");
            args.add(kv[0] + "=" + kv[1]);
        }
        return args;
    }

    private static String modelProblem(String model) {
        String value = model.trim();
        if (value.equals(TrainSettings.BUILTIN_MODEL)) {
            return null;
        }
        if (value.isEmpty()) {
            return "choose a model folder or " + TrainSettings.BUILTIN_MODEL;
        }
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            return "no such folder: " + value;
        }
        if (!Files.exists(dir.resolve("config.json"))) {
            return value + " has no config.json (a Hugging Face model folder has config.json and model.safetensors)";
        }
        return null;
    }

    /** The trainer refuses --device gpu without the CUDA build of libtorch; so does the dialog. */
    private static String deviceProblem(String device) {
        String error = TrainSettings.validate("device", device);
        if (error == null && device.trim().equals("gpu") && !GpuSetupPane.installed()) {
            return "needs CUDA libtorch: Set up CUDA… below";
        }
        return error;
    }

    private static String tasksProblem(String tasks) {
        String value = tasks.trim();
        if (value.equals(TrainSettings.BUILTIN_TASKS)) {
            return null;
        }
        if (value.isEmpty()) {
            return "choose a training JSONL file or " + TrainSettings.BUILTIN_TASKS;
        }
        return Files.isRegularFile(Path.of(value)) ? null : "no such file: " + value;
    }

    /** Why a folder cannot receive new output (blank, a file, a run, not empty), or null; the New Study dialog uses it too. */
    public static String outputProblem(String output) {
        if (output.isBlank()) {
            return "choose a folder for the run";
        }
        Path dir = Path.of(output.trim());
        if (Files.exists(dir.resolve(RunFiles.SPEC))) {
            return "already holds a run; choose another folder";
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return "is a file, not a folder";
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    return "is not empty; choose a new or empty folder";
                }
            } catch (java.io.IOException e) {
                return "cannot be read (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    private String suggestedOutput() {
        return workspace.resolve(get("condition") + "-" + STAMP.format(LocalDateTime.now())).toString();
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
