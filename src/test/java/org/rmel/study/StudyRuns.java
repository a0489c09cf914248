package org.rmel.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;

/** Small helpers for the study tests: event counts in a run's log, waiting for a condition. */
final class StudyRuns {
    private StudyRuns() {
    }

    /** How many events of {@code type} the run's log holds (0 when it has none yet). */
    static long count(Path runDir, String type) {
        Path events = runDir.resolve(RunFiles.EVENTS);
        if (!Files.exists(events)) {
            return 0;
        }
        try {
            return Files.readAllLines(events).stream().filter(l -> !l.isBlank()).filter(l -> {
                try {
                    return type.equals(RunJson.MAPPER.readTree(l).path("type").asText());
                } catch (IOException e) {
                    return false; // a torn last line
                }
            }).count();
        } catch (IOException e) {
            return 0;
        }
    }

    static void waitUntil(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    static StudySpec spec(String preset, List<String> conditions, List<Integer> seeds, Map<String, String> settings,
            Map<String, Map<String, String>> overrides, ExecutorSpec executor) {
        return new StudySpec(StudySpec.VERSION, preset, conditions, seeds, settings, overrides,
                conditions.contains("r-mel") ? "r-mel" : conditions.get(0), executor, "");
    }
}
