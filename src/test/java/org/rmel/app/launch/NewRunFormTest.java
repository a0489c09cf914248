package org.rmel.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.train.TrainSettings;

class NewRunFormTest {
    @TempDir
    Path workspace;

    @Test
    void startsFromTheDefaultPresetWithAFreshFolderInTheWorkspace() {
        NewRunForm form = new NewRunForm(workspace);
        assertEquals("default", form.get(NewRunForm.PRESET));
        assertEquals(String.valueOf(TrainSettings.preset("default").integer("k")), form.get("k"));
        assertEquals("0.7,0.5,0.3", form.get("tau_schedule"));
        assertTrue(form.outputDir().startsWith(workspace.toAbsolutePath()));
        assertTrue(form.outputDir().getFileName().toString().startsWith("r-mel-"));
        assertEquals(java.util.Map.of(), form.problems());
    }

    @Test
    void aPresetRefillsTheSettingsAndKeepsTheCondition() {
        NewRunForm form = new NewRunForm(workspace);
        form.set("condition", "mel-extra");
        form.applyPreset("smoke");
        assertEquals("mel-extra", form.get("condition"));
        assertEquals(String.valueOf(TrainSettings.preset("smoke").integer("steps")), form.get("steps"));
    }

    @Test
    void conditionsThatFixASettingSetIt() {
        NewRunForm form = new NewRunForm(workspace);
        form.set("condition", "r-mel-no-prefix");
        assertEquals("0.0", form.get("tau_min"));
        form.set("condition", "r-mel-b1");
        assertEquals("1", form.get("budget"));
    }

    @Test
    void refusesWhatTheTrainerWouldRefuseWithItsReason() throws Exception {
        NewRunForm form = new NewRunForm(workspace);
        form.set("k", "1");
        form.set("tau_schedule", "0.7,1.4");
        form.set("lr", "-1");
        assertEquals("must be at least 2, got 1", form.problems().get("k"));
        assertEquals("every ratio must be in [0, 1) (0 revises from scratch; 1 would keep the whole failed response), "
                + "got 1.4", form.problems().get("tau_schedule"));
        assertTrue(form.problems().get("lr").contains("must be a positive number"));

        NewRunForm clash = new NewRunForm(workspace);
        clash.set("condition", "r-mel-no-prefix");
        clash.set("tau_min", "0.3");
        assertTrue(clash.problems().get(NewRunForm.FORM).contains("contradicts condition r-mel-no-prefix"));
    }

    @Test
    void theOutputMustBeANewOrEmptyFolderAndTheModelAHuggingFaceFolder() throws Exception {
        NewRunForm form = new NewRunForm(workspace);
        Path used = Files.createDirectories(workspace.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "x");
        form.set(NewRunForm.OUTPUT, used.toString());
        assertEquals("is not empty; choose a new or empty folder", form.problems().get(NewRunForm.OUTPUT));
        form.set(NewRunForm.OUTPUT, "");
        assertEquals("choose a folder for the run", form.problems().get(NewRunForm.OUTPUT));

        Path model = Files.createDirectories(workspace.resolve("qwen"));
        form.set("model", model.toString());
        assertTrue(form.problems().get("model").contains("has no config.json"));
        Files.writeString(model.resolve("config.json"), "{}");
        form.set(NewRunForm.OUTPUT, workspace.resolve("new").toString());
        assertEquals(java.util.Map.of(), form.problems(), "a model folder runs without the built-in warm start");
        assertTrue(form.trainArgs().contains("warm_start_steps=0"));

        form.set("tasks", workspace.resolve("missing.jsonl").toString());
        assertTrue(form.problems().get("tasks").startsWith("no such file"));
    }

    @Test
    void becomesTrainArgumentsWithEverySettingSpelledOut() {
        NewRunForm form = new NewRunForm(workspace);
        form.applyPreset("smoke");
        form.set("k", "6");
        form.set(NewRunForm.OUTPUT, workspace.resolve("run-1").toString());
        List<String> args = form.trainArgs();
        assertEquals(List.of("--preset", "smoke", "--condition", "r-mel", "--out",
                workspace.resolve("run-1").toAbsolutePath().toString()), args.subList(0, 6));
        assertTrue(args.containsAll(List.of("--set", "k=6", "--set", "device=cpu", "--set", "model=builtin:tiny")), args.toString());
        for (int i = 6; i < args.size(); i += 2) {
            assertEquals("--set", args.get(i));
            String[] kv = args.get(i + 1).split("=", 2);
            assertEquals(null, TrainSettings.validate(kv[0], kv[1]), "the trainer accepts " + args.get(i + 1));
        }
    }
}
