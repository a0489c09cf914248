package org.rmel.run;

import java.nio.file.Path;

/** The names inside a run directory (contract version 1). */
public final class RunFiles {
    public static final String SPEC = "run.json";
    public static final String EVENTS = "events.jsonl";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String TRAINER_LOG = "trainer.log";
    /** Present while a writer holds the run; see {@link RunLock}. */
    public static final String LOCK = ".lock";

    private RunFiles() {
    }

    /** {@code checkpoints/step-000040}: zero-padded so the folders sort by step. */
    public static Path checkpointDir(Path runDir, int step) {
        return runDir.resolve(CHECKPOINTS).resolve(String.format("step-%06d", step));
    }
}
