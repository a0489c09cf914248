package org.rmel.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmel.testsupport.RunScript;

/** The paper's conditions as simulated runs written by the real run writer (small: 12 steps). */
public final class SimulatedRuns {
    private SimulatedRuns() {
    }

    public static Path write(Path dir, String condition, long seed) {
        double tauMin = condition.equals("r-mel-no-prefix") ? 0 : 0.3;
        int budget = condition.equals("r-mel-b1") ? 1 : 4;
        Path run = dir.resolve(condition);
        try (RunScript s = RunScript.create(run, RunScript.spec(condition, 8, budget, tauMin, 12))) {
            s.simulate(condition, 12, 16, 8, 8, seed);
            s.finish();
        }
        return run;
    }

    public static List<Path> all(Path dir) {
        List<Path> runs = new ArrayList<>();
        long seed = 1;
        for (String c : List.of("mel", "mel-extra", "r-mel", "r-mel-no-prefix", "r-mel-b1")) {
            runs.add(write(dir, c, seed++));
        }
        return runs;
    }
}
