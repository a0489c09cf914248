package org.rmel.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.study.StudySpec;
import org.rmel.train.TrainSettings;

/** The New Study dialog's model refuses what study create (and train) would refuse, field by field. */
class NewStudyFormTest {
    @TempDir
    Path workspace;

    @Test
    void theDefaultFormIsThePapersFiveConditionsTimesThreeSeedsAndValid() {
        NewStudyForm form = new NewStudyForm(workspace);
        assertEquals(Map.of(), form.problems());
        StudySpec spec = form.spec();
        assertEquals(StudySpec.DEFAULT_CONDITIONS, spec.conditions());
        assertEquals(List.of(1, 2, 3), spec.seeds());
        assertEquals("default", spec.preset());
        assertEquals(Map.of(), spec.settings(), "nothing differs from the preset");
        assertEquals("local", spec.executor().type());
        assertTrue(form.folder().startsWith(workspace));
    }

    @Test
    void eachRefusedValueIsReportedOnItsFieldWithTheTrainersMessage() throws Exception {
        NewStudyForm form = new NewStudyForm(workspace);
        form.set("settings.k", "1");
        form.set(NewStudyForm.SEEDS, "1, 2, 2");
        form.set("settings.lr", "fast");
        Map<String, String> p = form.problems();
        assertEquals(TrainSettings.validate("k", "1"), p.get("settings.k"), "the same message as New Run and train --set");
        assertEquals("seed 2 is listed twice", p.get(NewStudyForm.SEEDS));
        assertEquals(TrainSettings.validate("lr", "fast"), p.get("settings.lr"));

        NewStudyForm none = new NewStudyForm(workspace);
        StudySpec.DEFAULT_CONDITIONS.forEach(c -> none.setCondition(c, false));
        assertTrue(none.problems().get(NewStudyForm.CONDITIONS).startsWith("list at least one condition"));

        NewStudyForm slurm = new NewStudyForm(workspace);
        slurm.set(NewStudyForm.EXECUTOR, "slurm");
        slurm.set("executor.time", "soon");
        slurm.set("executor.gpus_per_task", "-1");
        Map<String, String> sp = slurm.problems();
        assertTrue(sp.get("executor.time").contains("not a Slurm time"), sp.toString());
        assertTrue(sp.get("executor.gpus_per_task").contains("at least 0"), sp.toString());

        Files.writeString(Files.createDirectories(workspace.resolve("used")).resolve("x"), "");
        NewStudyForm used = new NewStudyForm(workspace);
        used.set(NewStudyForm.FOLDER, workspace.resolve("used").toString());
        assertEquals("is not empty; choose a new or empty folder", used.problems().get(NewStudyForm.FOLDER));
    }

    @Test
    void aSharedBudgetLeavesBEqualsOneToItsConditionAndTheReferenceFollowsTheConditions() {
        NewStudyForm form = new NewStudyForm(workspace);
        form.set("settings.budget", "2");
        assertEquals(Map.of(), form.problems());
        StudySpec spec = form.spec();
        assertEquals(Map.of("budget", "2"), spec.settings());
        assertEquals(1, spec.settings(spec.cells().stream().filter(c -> c.condition().equals("r-mel-b1")).findFirst()
                .orElseThrow()).integer("budget"));
        form.setCondition("r-mel", false);
        assertEquals("mel", form.get(NewStudyForm.REFERENCE), "the reference moves to a studied condition");
        assertFalse(form.conditions().contains("r-mel"));
    }
}
