package org.rmel.study.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.study.ExecutorSpec;
import org.rmel.study.RunStates;
import org.rmel.study.Study;
import org.rmel.study.StudyCell;
import org.rmel.study.StudySpec;
import org.rmel.study.stats.Bootstrap;
import org.rmel.study.stats.SeedRun;
import org.rmel.study.stats.SeedRuns;
import org.rmel.testsupport.RunScript;

/** Where a study evaluates the paper's benchmarks, the paper's Table 1 and Table 2 numbers stand beside the study's. */
class PaperColumnsTest {
    @TempDir
    Path tmp;

    @Test
    void thePapersNumbersStandBesideMatchingBenchmarks() {
        Study study = Study.create(tmp.resolve("s"), new StudySpec(StudySpec.VERSION, "default", List.of("mel", "mel-extra", "r-mel"),
                List.of(1, 2), Map.of(), Map.of(), "r-mel", ExecutorSpec.local(), ""));
        // the benchmark names as the trainer writes them for --set eval_benchmarks=aime24,...: any spelling matches
        List<String> names = List.of("aime24", "AIME25", "amc23", "math500", "OlympiadBench");
        for (StudyCell c : study.spec().cells()) {
            try (RunScript s = RunScript.create(study.runDir(c), RunScript.spec(c.condition(), 8, 4, 0.3, 2))) {
                for (String b : names) {
                    boolean[] greedy = new boolean[4];
                    int[] samples = new int[4];
                    for (int i = 0; i < 4; i++) {
                        greedy[i] = (i + c.seed() + c.index()) % 2 == 0;
                        samples[i] = (i * 3 + c.index()) % 9;
                    }
                    s.eval(2, b, greedy, samples);
                }
                s.finish();
            }
        }
        StudyResults r = StudyResults.compute(study, RunStates.read(study),
                new StudyResults.Options("r-mel", 500, Bootstrap.DEFAULT_SEED, 0.03), new SeedRuns());
        StudyTables t = new StudyTables(r);
        assertTrue(t.paperBenchmarksMatch());
        StudyTables.TextTable pass = t.table1(SeedRun.Metric.PASS_AT_1);
        List<String> rmelPaper = pass.rows().stream().filter(row -> row.get(0).equals("R-MEL (paper)")).findFirst().orElseThrow();
        assertEquals(List.of("R-MEL (paper)", "", "13.33", "6.67", "52.50", "57.80", "35.56", "33.17"), rmelPaper);
        String md = StudyTables.markdown(pass);
        assertTrue(md.contains("| *MEL+Extra (paper)* |  | *16.67* |"), md);
        StudyTables.TextTable t2 = t.table2();
        assertEquals(List.of("Method", "Config", "seeds", "Avg Pass@1", "Δ vs R-MEL", "paper Avg Pass@1", "paper Δ"), t2.header());
        List<String> mel = t2.rows().stream().filter(row -> row.get(0).equals("MEL")).findFirst().orElseThrow();
        assertEquals("33.00", mel.get(5));
        assertEquals("-0.17", mel.get(6));
        assertTrue(StudyTables.tex(t2).contains("\\toprule"));
    }
}
