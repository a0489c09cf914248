package org.rmel.app.launch;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.rmel.app.FormGrid;
import org.rmel.app.LatestTaskRunner;
import org.rmel.train.Setting;
import org.rmel.train.TrainSettings;

/**
 * The New Run dialog: preset, condition, the key hyperparameters, model, device and output
 * folder. Every edit is validated (off the FX thread, since checking folders reads the disk) by
 * {@link NewRunForm}; each refused value shows its reason beside the field, and Start stays
 * disabled until nothing is refused.
 */
public final class NewRunDialog {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(NewRunForm.PRESET, "Preset"), Map.entry("condition", "Condition"),
            Map.entry("k", "K (rollouts per prompt)"), Map.entry("budget", "B (revision budget)"),
            Map.entry("tau_schedule", "τ schedule"), Map.entry("tau_min", "τ_min"), Map.entry("lr", "Learning rate"),
            Map.entry("steps", "Steps"), Map.entry("prompts_per_step", "Prompts per step"),
            Map.entry("temperature", "Temperature"), Map.entry("seed", "Seed"), Map.entry("model", "Model"),
            Map.entry("tasks", "Training tasks"), Map.entry("device", "Device"), Map.entry(NewRunForm.OUTPUT, "Output folder"),
            Map.entry("lcp_rule", "LCP rule"), Map.entry("revision_mode", "Revision mode"),
            Map.entry("revision_in_grpo", "Revision in GRPO"), Map.entry("no_prefix_reading", "w/o prefix reading"),
            Map.entry("extra_match", "MEL+Extra matched by"));

    private final NewRunForm form;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Map<String, TextField> fields = new HashMap<>();
    private final Map<String, ChoiceBox<String>> choices = new HashMap<>();
    private final Map<String, Label> problems = new HashMap<>();
    private final Label formProblem = FormGrid.problemLabel("problem-form");
    private final LatestTaskRunner validation;
    private final ButtonType start = new ButtonType("Start", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
    private boolean syncing;

    /**
     * @param gpus the detected GPUs' descriptions; "gpu" is offered only when there is one
     */
    public NewRunDialog(Window owner, Path workspace, List<String> gpus, Executor background) {
        this.form = new NewRunForm(workspace);
        this.validation = new LatestTaskRunner(background);
        dialog.initOwner(owner);
        dialog.setTitle("New Run");
        dialog.setHeaderText("Start a training run (the trainer runs as a separate process)");
        dialog.getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        dialog.getDialogPane().setId("new-run-dialog");

        FormGrid grid = new FormGrid();
        addChoice(grid, NewRunForm.PRESET, TrainSettings.PRESETS);
        addChoice(grid, "condition", TrainSettings.CONDITIONS);
        for (String key : List.of("k", "budget", "tau_schedule", "tau_min", "lr", "steps", "prompts_per_step",
                "temperature", "seed")) {
            addText(grid, key, null);
        }
        addReadings(grid);
        Button builtin = new Button("Built-in");
        builtin.setOnAction(e -> edit("model", TrainSettings.BUILTIN_MODEL));
        Button modelFolder = new Button("Folder…");
        modelFolder.setOnAction(e -> chooseFolder("Model folder (Hugging Face layout)").ifPresent(p -> edit("model", p)));
        addText(grid, "model", new HBox(4, builtin, modelFolder));
        Button builtinTasks = new Button("Built-in");
        builtinTasks.setOnAction(e -> edit("tasks", TrainSettings.BUILTIN_TASKS));
        Button tasksFile = new Button("File…");
        tasksFile.setOnAction(e -> chooseFile("Training tasks (JSONL)").ifPresent(p -> edit("tasks", p)));
        addText(grid, "tasks", new HBox(4, builtinTasks, tasksFile));
        List<String> devices = gpus.isEmpty() ? List.of("cpu") : List.of("cpu", "gpu", "auto");
        addChoice(grid, "device", devices);
        if (!gpus.isEmpty()) {
            // a GPU is seen: offer it, say whether its CUDA libtorch is there, set it up from here
            choices.get("device").setTooltip(new Tooltip(String.join("\n", gpus)));
            grid.addWide(new GpuSetupPane(background, this::validate).node(), 1);
        }
        Button outputFolder = new Button("Choose…");
        outputFolder.setOnAction(e -> chooseFolder("Output folder").ifPresent(p -> edit(NewRunForm.OUTPUT, p)));
        addText(grid, NewRunForm.OUTPUT, outputFolder);
        grid.addWide(formProblem, 0);
        dialog.getDialogPane().setContent(grid.node());
        dialog.getDialogPane().setPrefWidth(760);
        syncFromForm();
        validate();
    }

    /** The paper's open readings, as choices with the setting's description as tooltip. */
    private void addReadings(FormGrid grid) {
        addChoice(grid, "lcp_rule", org.rmel.method.MethodSettings.names(org.rmel.method.LcpRule.class));
        addChoice(grid, "revision_mode", org.rmel.method.MethodSettings.names(org.rmel.method.RevisionMode.class));
        addChoice(grid, "revision_in_grpo", List.of("false", "true"));
        addChoice(grid, "no_prefix_reading",
                org.rmel.method.MethodSettings.names(org.rmel.method.NoPrefixReading.class));
        addChoice(grid, "extra_match", org.rmel.method.MethodSettings.names(org.rmel.method.ExtraMatch.class));
        for (String key : List.of("lcp_rule", "revision_mode", "revision_in_grpo", "no_prefix_reading", "extra_match")) {
            choices.get(key).setTooltip(new Tooltip(TrainSettings.catalogue().get(key).description()));
        }
    }

    private void addChoice(FormGrid grid, String key, List<String> values) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId("field-" + key);
        box.getItems().setAll(values);
        box.valueProperty().addListener((obs, old, value) -> {
            if (!syncing && value != null) {
                if (key.equals(NewRunForm.PRESET)) {
                    form.applyPreset(value);
                } else {
                    form.set(key, value);
                }
                syncFromForm();
                validate();
            }
        });
        choices.put(key, box);
        addRow(grid, key, box, null);
    }

    private void addText(FormGrid grid, String key, Node extra) {
        TextField field = new TextField();
        field.setId("field-" + key);
        field.textProperty().addListener((obs, old, value) -> {
            if (!syncing) {
                form.set(key, value);
                syncFromForm();
                validate();
            }
        });
        Setting setting = TrainSettings.catalogue().get(key);
        if (setting != null) {
            field.setTooltip(new Tooltip(setting.description()));
        }
        fields.put(key, field);
        addRow(grid, key, field, extra);
    }

    private void addRow(FormGrid grid, String key, javafx.scene.control.Control control, Node extra) {
        problems.put(key, grid.add(key, LABELS.get(key), control, extra).problem());
    }

    private void edit(String key, String value) {
        form.set(key, value);
        syncFromForm();
        validate();
    }

    /** Shows the form's values (a preset or condition can change several fields at once). */
    private void syncFromForm() {
        syncing = true;
        try {
            fields.forEach((key, field) -> {
                if (!field.getText().equals(form.get(key))) {
                    field.setText(form.get(key));
                }
            });
            choices.forEach((key, box) -> box.setValue(form.get(key)));
        } finally {
            syncing = false;
        }
    }

    private void validate() {
        Node startButton = dialog.getDialogPane().lookupButton(start);
        startButton.setDisable(true);
        NewRunForm snapshot = form.copy();
        validation.submit(snapshot::problems, found -> {
            problems.forEach((key, label) -> label.setText(found.getOrDefault(key, "")));
            formProblem.setText(found.getOrDefault(NewRunForm.FORM, ""));
            startButton.setDisable(!found.isEmpty());
        }, error -> formProblem.setText(error.getMessage()));
    }

    private Optional<String> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::getAbsolutePath);
    }

    private Optional<String> chooseFile(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json"));
        File chosen = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::getAbsolutePath);
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    public NewRunForm form() {
        return form;
    }

    public ButtonType startButton() {
        return start;
    }
}
