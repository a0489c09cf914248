package org.rmel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rmel.analysis.RunAnalysis;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunStatus;

/**
 * The bundled sample runs (made by {@code sample-runs/regenerate.sh} with the real trainer) must
 * load with the current reader without a single unreadable line, be finished, and carry what the
 * workbench's panels show: all-negative groups, revision attempts for the revising conditions,
 * extra rollouts for MEL+Extra, meta-experiences and evaluations. A change of the run format that
 * breaks them fails here, and the fix is to regenerate them.
 */
class SampleRunsTest {
    private static final Path SAMPLES = Path.of("sample-runs");
    private static final List<String> CONDITIONS =
            List.of("mel", "mel-extra", "r-mel", "r-mel-no-prefix", "r-mel-b1", "r-mel-adaptive");

    @Test
    void everyConditionHasASampleRun() throws IOException {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(CONDITIONS.stream().sorted().toList(), names);
        }
    }

    @Test
    void sampleRunsLoadCleanlyAndShowTheMethod() {
        for (String condition : CONDITIONS) {
            RunDirectory run = RunDirectory.open(SAMPLES.resolve(condition));
            assertEquals(condition, run.spec().condition().orElse(""), condition);
            RunAnalyzer.Result result = RunAnalyzer.analyze(run);
            assertTrue(result.read().warnings().isEmpty(), condition + ": " + result.read().warnings());
            assertEquals(RunStatus.State.FINISHED, result.read().status().state(), condition);
            RunAnalysis a = result.analysis();
            assertTrue(a.allNegative().successes() > 0, condition + " has all-negative groups");
            assertTrue(a.pKeep().trials() > 0, condition + " has validated meta-experiences");
            assertTrue(!a.evals().isEmpty(), condition + " has evaluations");
            boolean revises = condition.startsWith("r-mel");
            assertEquals(revises, a.revisionSuccess().trials() > 0, condition + " revision attempts");
            if (revises) {
                assertTrue(a.revisionSuccess().successes() > 0, condition + " rescued at least one group");
            }
        }
    }
}
