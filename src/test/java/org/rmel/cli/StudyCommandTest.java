package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.study.Study;
import org.rmel.study.StudySpec;

/** {@code study} on the command line: what create writes, status of a fresh study, and every kind of bad input. */
class StudyCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void createWritesTheDefaultStudyAndStatusShowsEveryCellPending() throws Exception {
        Path dir = tmp.resolve("s");
        Result r = run("study", "create", dir.toString());
        assertEquals(0, r.code(), r.err());
        StudySpec spec = Study.open(dir).spec();
        assertEquals(StudySpec.DEFAULT_CONDITIONS, spec.conditions(), "the paper's three conditions and two ablations");
        assertEquals(java.util.List.of(1, 2, 3), spec.seeds());
        assertEquals("default", spec.preset());
        assertEquals("r-mel", spec.reference());
        assertEquals("local", spec.executor().type());
        assertTrue(r.out().contains("5 conditions × 3 seeds = 15 runs"), r.out());

        Result status = run("study", "status", dir.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("r-mel-no-prefix"), status.out());
        assertTrue(status.out().contains("15 pending (of 15 runs)"), status.out());

        Result json = run("study", "status", dir.toString(), "--json");
        assertTrue(json.out().contains("\"state\":\"pending\""), json.out());
        assertTrue(json.out().contains("\"name\":\"r-mel-b1-s3\""), json.out());
    }

    @Test
    void createKeepsOverridesAndTheExecutorAndRefusesAContradictingOverride() throws Exception {
        Path dir = tmp.resolve("s");
        Result r = run("study", "create", dir.toString(), "--preset", "smoke", "--conditions", "mel,r-mel-b1", "--seeds", "4,5",
                "--set", "k=6", "--set", "budget=2", "--override", "mel:lr=0.001", "--executor", "slurm",
                "--executor-set", "partition=gpu", "--executor-set", "gpus_per_task=1", "--executor-set", "time=4:00:00");
        assertEquals(0, r.code(), r.err());
        StudySpec spec = Study.open(dir).spec();
        assertEquals("mel", spec.reference(), "without r-mel the first condition is the reference");
        assertEquals("1", String.valueOf(spec.settings(spec.cell(2)).integer("budget")), "R-MEL (B=1) keeps its fixed budget");
        assertEquals(2, spec.settings(spec.cell(0)).integer("budget"));
        assertEquals(0.001, spec.settings(spec.cell(0)).doubleValue("lr"));
        assertEquals(6, spec.settings(spec.cell(3)).integer("k"));
        assertEquals(5, spec.settings(spec.cell(3)).integer("seed"));
        assertEquals("gpu", spec.executor().settings().get("partition"));

        Result bad = run("study", "create", tmp.resolve("t").toString(), "--conditions", "r-mel-b1",
                "--override", "r-mel-b1:budget=2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("r-mel-b1-s1: budget=2 contradicts condition r-mel-b1"), bad.err());
        assertFalse(Files.exists(tmp.resolve("t")), "a refused study leaves nothing behind");
    }

    @Test
    void badInputIsOneErrorLineNamingTheFieldWithExitCode2() throws Exception {
        Result unknown = run("study", "create", tmp.resolve("a").toString(), "--conditions", "mel,r-mel-typo");
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("conditions: unknown condition 'r-mel-typo'; valid: mel, mel-extra"), unknown.err());

        Result twice = run("study", "create", tmp.resolve("b").toString(), "--seeds", "1,2,2");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("seeds: seed 2 is listed twice"), twice.err());

        Result dupCondition = run("study", "create", tmp.resolve("b").toString(), "--conditions", "mel,mel");
        assertTrue(dupCondition.err().contains("conditions: 'mel' is listed twice"), dupCondition.err());

        Result seedSetting = run("study", "create", tmp.resolve("b").toString(), "--set", "seed=3");
        assertTrue(seedSetting.err().contains("settings.seed: the study sets each run's seed from 'seeds'"), seedSetting.err());

        Result badExecutor = run("study", "create", tmp.resolve("b").toString(), "--executor", "slurm",
                "--executor-set", "time=forever");
        assertTrue(badExecutor.err().contains("executor.time: 'forever' is not a Slurm time"), badExecutor.err());

        Path other = tmp.resolve("future");
        Files.createDirectories(other);
        Files.writeString(other.resolve("study.json"), "{\"version\": 2, \"conditions\": [\"mel\"], \"seeds\": [1]}");
        Result version = run("study", "status", other.toString());
        assertEquals(2, version.code());
        assertTrue(version.err().contains("study.json: version 2 is not supported: this workbench reads study folders of version 1"),
                version.err());

        Files.writeString(other.resolve("study.json"), "{\"version\": 1,\n \"conditions\": [\"mel\"],\n \"seeds\": [1,]}");
        Result json = run("study", "status", other.toString());
        assertEquals(2, json.code());
        assertTrue(json.err().contains("study.json line 3: not valid JSON"), json.err());

        Result notAStudy = run("study", "run", tmp.toString());
        assertEquals(2, notAStudy.code());
        assertTrue(notAStudy.err().contains("not a study folder (it has no study.json)"), notAStudy.err());

        Path full = tmp.resolve("full");
        assertEquals(0, run("study", "create", full.toString(), "--preset", "smoke").code());
        Result again = run("study", "create", full.toString());
        assertTrue(again.err().contains("already holds a study"), again.err());
    }

    @Test
    void everyStudySubcommandPrintsItsHelpCleanly() {
        for (String sub : java.util.List.of("create", "run", "resume", "status", "cancel", "report")) {
            Result r = run("study", sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("Usage: rmel study " + sub), sub + ": " + r.out());
            assertFalse((r.out() + r.err()).contains("Could not format"), sub + ": " + r.err());
        }
    }

    @Test
    void aSlurmStudyWithoutSbatchIsAnEnvironmentErrorExit4() throws Exception {
        Path dir = tmp.resolve("s");
        Path emptyBin = Files.createDirectories(tmp.resolve("bin"));
        assertEquals(0, run("study", "create", dir.toString(), "--preset", "smoke", "--executor", "slurm",
                "--executor-set", "slurm_bin=" + emptyBin).code());
        Result r = run("study", "run", dir.toString());
        assertEquals(4, r.code(), r.err());
        assertEquals("error: executor slurm: 'sbatch' is not in " + emptyBin + " (the study's executor.slurm_bin)", r.err().strip());
    }
}
