package org.rmel.study;

import java.util.Map;
import java.util.Optional;

/** The executor a study's {@code study.json} names. */
public final class StudyExecutors {
    private StudyExecutors() {
    }

    /**
     * @param parallel the local executor's pool size from the command line, overriding study.json
     * @param environment the environment Slurm's commands run with (PATH, SLURM_CONF)
     */
    public static StudyExecutor of(Study study, Optional<Integer> parallel, Map<String, String> environment) {
        return switch (study.spec().executor().type()) {
            case ExecutorSpec.SLURM -> SlurmExecutor.of(study, environment);
            default -> LocalExecutor.ofCurrentJvm(parallel);
        };
    }
}
