package org.rmel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunFiles;
import org.rmel.run.RunJson;
import org.rmel.train.TrainSettings;

/**
 * Everything wrong with a run folder that still reads: run.json judged by the trainer's own
 * settings rules ({@link TrainSettings#specProblems}) and the event log's problem lines, each as
 * a {@link ReadWarning} naming the file (and line), for the commands that read runs.
 */
final class RunProblems {
    private RunProblems() {
    }

    /** run.json's problems, naming the key. */
    @SuppressWarnings("unchecked")
    static List<ReadWarning> spec(RunDirectory run) {
        Map<String, Object> spec = RunJson.MAPPER.convertValue(run.spec().json(), Map.class);
        Path file = run.dir().resolve(RunFiles.SPEC);
        return TrainSettings.specProblems(spec).stream().map(p -> new ReadWarning(file, 0, p)).toList();
    }

    /** run.json's problems and every problem line of the log (a whole read of the run). */
    static List<ReadWarning> all(Path dir) {
        RunDirectory run = RunDirectory.open(dir);
        List<ReadWarning> out = new ArrayList<>(spec(run));
        out.addAll(run.read().warnings());
        return out;
    }

    static void print(List<ReadWarning> warnings, PrintWriter err) {
        for (ReadWarning w : warnings) {
            err.println("warning: " + w);
        }
        err.flush();
    }
}
