package org.rmel.app.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rmel.app.launch.Launches;
import org.rmel.launch.TrainerCommand;
import org.rmel.launch.TrainerProcess;
import org.rmel.run.RunLock;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutor;

/**
 * Starts {@code study run|resume STUDY} as a child JVM (the same java and class path), recorded in
 * the workspace's {@code .workbench/study-launches/} like a trainer, so a closed workbench leaves
 * the study's driver — and its trainers — running, and a reopened one re-attaches ({@link Launches}).
 * A local study's driver works until its runs have ended; a Slurm study's submits and exits.
 */
public final class StudyLauncher {
    private final Launches launches;
    private final Path consoleDir;

    public StudyLauncher(Path stateFolder, TrainerCommand command) {
        this.launches = new Launches(stateFolder.resolve("study-launches"), command);
        this.consoleDir = stateFolder.resolve("console");
    }

    /** Starts the driver; refuses when one is already working on the study. */
    public TrainerProcess start(Study study, StudyExecutor.Mode mode) throws IOException {
        if (RunLock.probe(study.dir()) == RunLock.Liveness.ALIVE || launches.isRunning(study.dir())) {
            throw new IllegalStateException("a driver is already working on " + study.dir());
        }
        String verb = mode == StudyExecutor.Mode.START ? "run" : "resume";
        Path log = consoleDir.resolve("study-" + study.name() + "-" + System.currentTimeMillis() + ".log");
        return launches.start(study.dir(), "study", List.of(verb, study.dir().toString()), log);
    }

    /** The study folders whose drivers (started by a workbench on this workspace) are still running. */
    public List<Path> reattach() throws IOException {
        return launches.reattach();
    }

    public boolean isRunning(Path studyDir) {
        return launches.isRunning(studyDir);
    }

    /** How the driver this workbench started for the study ended (exit code and last lines), if it has. */
    public java.util.Optional<Launches.Ended> ended(Path studyDir) {
        return launches.ended(studyDir);
    }
}
