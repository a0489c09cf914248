package org.rmel.app.study;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.rmel.app.FormGrid;
import org.rmel.app.LatestTaskRunner;
import org.rmel.study.ExecutorSpec;
import org.rmel.train.Setting;
import org.rmel.train.TrainSettings;

/**
 * The New Study dialog: folder, preset, conditions, seeds, reference, the shared settings of the
 * New Run dialog, and the executor (local: trainers at once; Slurm: partition, time, GPUs, CPUs
 * and memory per task). Every edit is validated off the FX thread by {@link NewStudyForm} (the
 * trainer's own checks); each refused value shows its reason, and Create stays disabled until
 * nothing is refused.
 */
public final class NewStudyDialog {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(NewStudyForm.FOLDER, "Study folder"), Map.entry(NewStudyForm.PRESET, "Preset"),
            Map.entry(NewStudyForm.CONDITIONS, "Conditions"), Map.entry(NewStudyForm.SEEDS, "Seeds"),
            Map.entry(NewStudyForm.REFERENCE, "Reference (Δ against)"), Map.entry(NewStudyForm.EXECUTOR, "Executor"),
            Map.entry("settings.k", "K (rollouts per prompt)"), Map.entry("settings.budget", "B (revision budget)"),
            Map.entry("settings.tau_schedule", "τ schedule"), Map.entry("settings.tau_min", "τ_min"),
            Map.entry("settings.lr", "Learning rate"), Map.entry("settings.steps", "Steps"),
            Map.entry("settings.prompts_per_step", "Prompts per step"), Map.entry("settings.temperature", "Temperature"),
            Map.entry("settings.model", "Model"), Map.entry("settings.tasks", "Training tasks"),
            Map.entry("settings.device", "Device"), Map.entry("executor.parallel", "Trainers at once"),
            Map.entry("executor.partition", "Slurm partition"), Map.entry("executor.time", "Time per task"),
            Map.entry("executor.gpus_per_task", "GPUs per task"), Map.entry("executor.cpus_per_task", "CPUs per task"),
            Map.entry("executor.mem_per_task", "Memory per task"));

    private final NewStudyForm form;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Map<String, TextField> fields = new HashMap<>();
    private final Map<String, ChoiceBox<String>> choices = new HashMap<>();
    private final Map<String, CheckBox> conditionBoxes = new HashMap<>();
    private final Map<String, Label> problems = new HashMap<>();
    private final Map<String, FormGrid.Row> rows = new HashMap<>();
    private final Label formProblem = FormGrid.problemLabel("problem-form");
    private final LatestTaskRunner validation;
    private final ButtonType create = new ButtonType("Create and run", ButtonBar.ButtonData.OK_DONE);
    private boolean syncing;

    public NewStudyDialog(Window owner, Path workspace, Executor background) {
        this.form = new NewStudyForm(workspace);
        this.validation = new LatestTaskRunner(background);
        dialog.initOwner(owner);
        dialog.setTitle("New Study");
        dialog.setHeaderText("Every condition × every seed as ordinary runs in one folder; tables, figures and the paper's "
                + "claims over the seeds as they finish");
        dialog.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
        dialog.getDialogPane().setId("new-study-dialog");
        FormGrid grid = new FormGrid();
        Button folder = new Button("Choose…");
        folder.setOnAction(e -> chooseFolder().ifPresent(p -> edit(NewStudyForm.FOLDER, p)));
        addText(grid, NewStudyForm.FOLDER, folder);
        addChoice(grid, NewStudyForm.PRESET, TrainSettings.PRESETS);
        FlowPane conditions = new FlowPane(8, 4);
        conditions.setId("field-conditions");
        for (String c : TrainSettings.CONDITIONS) {
            CheckBox box = new CheckBox(c);
            box.setId("condition-" + c);
            box.selectedProperty().addListener((obs, old, on) -> {
                if (!syncing) {
                    form.setCondition(c, on);
                    syncFromForm();
                    validate();
                }
            });
            conditionBoxes.put(c, box);
            conditions.getChildren().add(box);
        }
        addRow(grid, NewStudyForm.CONDITIONS, conditions, null);
        addText(grid, NewStudyForm.SEEDS, null);
        addChoice(grid, NewStudyForm.REFERENCE, TrainSettings.CONDITIONS);
        for (String key : NewStudyForm.SETTINGS) {
            if (key.equals("device")) {
                addChoice(grid, "settings.device", List.of("cpu", "gpu"));
            } else {
                addText(grid, "settings." + key, null);
            }
        }
        addChoice(grid, NewStudyForm.EXECUTOR, ExecutorSpec.TYPES);
        for (String type : ExecutorSpec.TYPES) {
            for (String key : NewStudyForm.EXECUTOR_SETTINGS.get(type)) {
                addText(grid, "executor." + key, null);
                String k = key;
                ExecutorSpec.keys(type).stream().filter(x -> x.name().equals(k)).findFirst()
                        .ifPresent(x -> fields.get("executor." + k).setTooltip(new Tooltip(x.description())));
            }
        }
        grid.addWide(formProblem, 0);
        dialog.getDialogPane().setContent(new javafx.scene.control.ScrollPane(grid.node()));
        dialog.getDialogPane().setPrefSize(900, 760);
        syncFromForm();
        validate();
    }

    private void addChoice(FormGrid grid, String key, List<String> values) {
        ChoiceBox<String> box = new ChoiceBox<>();
        box.setId("field-" + key.replace('.', '-'));
        box.getItems().setAll(values);
        box.valueProperty().addListener((obs, old, value) -> {
            if (!syncing && value != null) {
                if (key.equals(NewStudyForm.PRESET)) {
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
        field.setId("field-" + key.replace('.', '-')); // CSS ids cannot contain dots
        field.textProperty().addListener((obs, old, value) -> {
            if (!syncing) {
                form.set(key, value);
                validate();
            }
        });
        if (key.startsWith("settings.")) {
            Setting setting = TrainSettings.catalogue().get(key.substring("settings.".length()));
            if (setting != null) {
                field.setTooltip(new Tooltip(setting.description() + " (shared by every run; a condition's fixed value wins)"));
            }
        }
        fields.put(key, field);
        addRow(grid, key, field, extra);
    }

    private void addRow(FormGrid grid, String key, javafx.scene.layout.Region control, Node extra) {
        FormGrid.Row r = grid.add(key.replace('.', '-'), LABELS.getOrDefault(key, key), control, extra);
        problems.put(key, r.problem());
        rows.put(key, r);
    }

    private void edit(String key, String value) {
        form.set(key, value);
        syncFromForm();
        validate();
    }

    private void syncFromForm() {
        syncing = true;
        try {
            fields.forEach((key, field) -> {
                if (!field.getText().equals(form.get(key))) {
                    field.setText(form.get(key));
                }
            });
            choices.forEach((key, box) -> {
                if (key.equals(NewStudyForm.REFERENCE)) {
                    box.getItems().setAll(form.conditions());
                }
                box.setValue(form.get(key));
            });
            conditionBoxes.forEach((c, box) -> box.setSelected(form.conditions().contains(c)));
            String type = form.get(NewStudyForm.EXECUTOR);
            for (String t : ExecutorSpec.TYPES) {
                for (String key : NewStudyForm.EXECUTOR_SETTINGS.get(t)) {
                    rows.get("executor." + key).show(t.equals(type));
                }
            }
        } finally {
            syncing = false;
        }
    }

    private void validate() {
        Node button = dialog.getDialogPane().lookupButton(create);
        button.setDisable(true);
        NewStudyForm snapshot = form.copy();
        validation.submit(snapshot::problems, found -> {
            problems.forEach((key, label) -> label.setText(found.getOrDefault(key, "")));
            formProblem.setText(found.getOrDefault(NewStudyForm.FORM, ""));
            button.setDisable(!found.isEmpty());
        }, error -> formProblem.setText(error.getMessage()));
    }

    private Optional<String> chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Study folder (new or empty)");
        File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
        return Optional.ofNullable(chosen).map(File::getAbsolutePath);
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    public NewStudyForm form() {
        return form;
    }

    public ButtonType createButton() {
        return create;
    }
}
