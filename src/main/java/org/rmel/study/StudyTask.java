package org.rmel.study;

import java.io.PrintStream;
import java.nio.file.Path;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunStatus;
import org.rmel.train.TrainSession;

/**
 * What one Slurm array task does ({@code study task STUDY --cell N}): start the cell's run with the
 * study's settings or, when the run already exists, resume it from its last checkpoint. The
 * trainer runs in this JVM, so Slurm's SIGTERM (scancel, time limit) reaches it directly.
 */
public final class StudyTask {
    private StudyTask() {
    }

    /** Returns the {@code run_finished} reason (or "already finished"). */
    public static String run(Path studyDir, int cellIndex, PrintStream console) {
        Study study = Study.open(studyDir);
        StudyCell cell = study.spec().cell(cellIndex);
        Path runDir = study.runDir(cell);
        console.println("study " + study.dir() + " cell " + cell.index() + " = " + cell.name());
        if (!study.started(cell)) {
            return TrainSession.start(study.spec().settings(cell), runDir, console);
        }
        RunStatus status = RunDirectory.open(runDir).status();
        if (status.state() == RunStatus.State.FINISHED) {
            console.println(runDir + ": already finished");
            return "already finished";
        }
        return TrainSession.resume(runDir, console);
    }
}
