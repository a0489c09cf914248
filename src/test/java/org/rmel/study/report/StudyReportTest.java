package org.rmel.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.cli.RmelCommand;
import org.rmel.study.ExecutorSpec;
import org.rmel.study.RunStates;
import org.rmel.study.Study;
import org.rmel.study.StudyCell;
import org.rmel.study.StudySpec;
import org.rmel.study.stats.Bootstrap;
import org.rmel.study.stats.SeedRuns;
import org.rmel.testsupport.RunScript;

/**
 * {@code study report} on a study whose runs are simulated by the real run writer (5 conditions ×
 * 3 seeds, one unfinished): every claim is stated with a verdict, the tables carry intervals, the
 * figures are real PDF and PNG files of the requested size, unfinished runs are left out and named.
 */
public class StudyReportTest {
    @TempDir
    Path tmp;

    public static Study simulatedStudy(Path dir) {
        Study study = Study.create(dir, new StudySpec(StudySpec.VERSION, "default", StudySpec.DEFAULT_CONDITIONS,
                List.of(1, 2, 3), Map.of(), Map.of(), "r-mel", ExecutorSpec.local(), ""));
        long seed = 11;
        for (StudyCell c : study.spec().cells()) {
            double tauMin = c.condition().equals("r-mel-no-prefix") ? 0 : 0.3;
            int budget = c.condition().equals("r-mel-b1") ? 1 : 4;
            try (RunScript s = RunScript.create(study.runDir(c), RunScript.spec(c.condition(), 8, budget, tauMin, 12))) {
                s.simulate(c.condition(), 12, 16, 8, 8, seed++);
                if (!c.name().equals("mel-s3")) {
                    s.finish();
                }
            }
        }
        return study;
    }

    @Test
    void aStudyOfOneSeedSaysItsIntervalsCannotShowSeedVariation() throws Exception {
        Study study = Study.create(tmp.resolve("one-seed"), new StudySpec(StudySpec.VERSION, "default",
                List.of("mel", "r-mel"), List.of(1), Map.of(), Map.of(), "r-mel", ExecutorSpec.local(), ""));
        long seed = 5;
        for (StudyCell c : study.spec().cells()) {
            try (RunScript s = RunScript.create(study.runDir(c), RunScript.spec(c.condition(), 8, 4, 0.3, 6))) {
                s.simulate(c.condition(), 6, 16, 8, 8, seed++);
                s.finish();
            }
        }
        StudyResults results = StudyResults.compute(study, RunStates.read(study),
                new StudyResults.Options("r-mel", 200, Bootstrap.DEFAULT_SEED, 0.03), new SeedRuns());
        String md = Files.readString(StudyReport.write(results, study.reportDir()).markdown());
        assertTrue(md.contains("MEL, R-MEL have one finished seed: the seed level of the bootstrap cannot vary"), md);
        assertTrue(!Files.readString(StudyReport.write(StudyResults.compute(simulatedStudy(tmp.resolve("three")),
                RunStates.read(Study.open(tmp.resolve("three"))), new StudyResults.Options("r-mel", 200,
                        Bootstrap.DEFAULT_SEED, 0.03), new SeedRuns()), tmp.resolve("three-report")).markdown())
                .contains("one finished seed"), "three seeds: no such note");
    }

    private record SeedRunCheck(String condition, int seed, int cohort) {
    }

    @Test
    void theReportStatesEveryClaimAndWritesTablesAndFigures() throws Exception {
        Study study = simulatedStudy(tmp.resolve("study"));
        StudyResults results = StudyResults.compute(study, RunStates.read(study),
                new StudyResults.Options("r-mel", 1000, Bootstrap.DEFAULT_SEED, 0.03), new SeedRuns());
        assertEquals(14, results.data().finishedRuns(), "the killed mel-s3 is left out");
        // the paper's difficulty: k of the MEL, MEL+Extra and R-MEL runs of a seed; an ablation takes R-MEL's place
        for (SeedRunCheck c : List.of(new SeedRunCheck("r-mel", 1, 3), new SeedRunCheck("r-mel-b1", 2, 3),
                new SeedRunCheck("r-mel", 3, 2), new SeedRunCheck("r-mel-no-prefix", 3, 2))) {
            assertEquals(c.cohort(), results.data().run(c.condition(), c.seed()).across().cohort(), c.toString());
        }
        long revisedAcross = results.data().run("r-mel", 1).across().revisionByBand().values().stream().mapToLong(x -> x[1]).sum();
        assertEquals(results.data().run("r-mel", 1).revisions(), revisedAcross, "every revision has an across-runs band");
        StudyReport.Written w = StudyReport.write(results, study.reportDir());
        String md = Files.readString(w.markdown());
        for (String id : List.of("avg-pass1", "avg8-highest", "math500", "no-prefix", "b1", "inverted-u", "b1-capture", "p-keep")) {
            assertTrue(md.contains("*" + id + "*"), id);
        }
        assertTrue(md.contains("not yet: mel-s3 killed"), md);
        assertTrue(md.contains("difficulty as the paper defines it: k of the 3 runs of a seed (MEL, MEL+Extra, R-MEL)"), md);
        assertTrue(md.contains("the study does not evaluate MATH-500 (its benchmarks: synthetic)"), md);
        assertTrue(md.contains("| MEL | 2 |"), "MEL's row is over its two finished seeds:\n" + md);
        assertTrue(md.matches("(?s).*\\| R-MEL w/o prefix \\| τ = 0, B = 4 \\| 3 \\| \\d+\\.\\d\\d \\[\\d+\\.\\d\\d, \\d+\\.\\d\\d] \\| [+-]\\d.*"), md);
        for (String f : List.of("scores", "difficulty", "difficulty-within", "lcp-share", "lcp")) {
            double widthIn = f.equals("lcp-share") ? 3.5 : f.equals("difficulty-within") ? 3.5 * 1.4 : 7.16;
            double heightIn = f.equals("lcp-share") ? 2.6 : 2.8;
            Path pdf = study.reportDir().resolve(f + ".pdf");
            assertTrue(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF"), f);
            BufferedImage png = ImageIO.read(study.reportDir().resolve(f + ".png").toFile());
            assertEquals(Math.round(widthIn * 200), png.getWidth(), f);
            assertEquals(Math.round(heightIn * 200), png.getHeight(), f);
            assertTrue(md.contains("![" + f + "](" + f + ".png)"), f);
        }
        assertTrue(Files.readString(study.reportDir().resolve("table2.tex")).contains("\\toprule"));
        String csv = Files.readString(study.reportDir().resolve("tables.csv"));
        assertTrue(csv.startsWith("condition,metric,benchmark,statistic,value,ci_lo,ci_hi,seeds,paper"), csv);
        assertTrue(csv.contains("r-mel-b1,Pass@1,Avg,minus r-mel,"), csv);
    }

    @Test
    void theCommandWritesTheReportAndRefusesAnUnknownReference() throws Exception {
        Study study = simulatedStudy(tmp.resolve("study"));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = RmelCommand.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "study", "report", study.dir().toString(), "--resamples", "500", "--reference", "mel");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("inverted-u"), out.toString());
        assertTrue(Files.readString(study.reportDir().resolve("report.md")).contains("Δ vs MEL"));
        int bad = RmelCommand.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                "study", "report", study.dir().toString(), "--reference", "r-mel-adaptive");
        assertEquals(2, bad);
        assertTrue(err.toString().contains("--reference r-mel-adaptive: not one of the study's conditions"), err.toString());
    }
}
