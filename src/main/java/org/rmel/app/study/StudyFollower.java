package org.rmel.app.study;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rmel.study.CellState;
import org.rmel.study.CellStatus;
import org.rmel.study.RunStates;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutor;
import org.rmel.study.StudyExecutors;
import org.rmel.study.StudyStatus;
import org.rmel.study.report.StudyResults;
import org.rmel.study.stats.SeedRuns;

/**
 * Follows a study for the Study view (no JavaFX; blocking, call off the FX thread): each
 * {@link #refresh()} brings the cells' states up to date (the run logs are read incrementally; a
 * Slurm study asks squeue/sacct) and recomputes the statistics only when the set of finished runs
 * changed (finished runs are read once, through a cache).
 */
public final class StudyFollower implements AutoCloseable {
    /** The states, and the results of the finished runs (or why there are none yet). */
    public record Snapshot(StudyStatus status, Optional<StudyResults> results, String resultsNote, boolean resultsChanged) {
    }

    private final Study study;
    private final StudyExecutor executor;
    private final RunStates states;
    private final SeedRuns runs = new SeedRuns();
    private Set<Integer> finishedSeen = Set.of();
    private Optional<StudyResults> results = Optional.empty();
    private String resultsNote = "No run has finished yet: the tables and figures appear as runs finish.";

    public StudyFollower(Study study, Map<String, String> environment) {
        this.study = study;
        this.executor = StudyExecutors.of(study, Optional.empty(), environment);
        this.states = new RunStates(study);
    }

    public Study study() {
        return study;
    }

    public StudyExecutor executor() {
        return executor;
    }

    public synchronized Snapshot refresh() {
        StudyStatus status = executor.status(study, states);
        Set<Integer> finished = status.cells().stream().filter(c -> c.state() == CellState.FINISHED)
                .map(c -> c.cell().index()).collect(Collectors.toSet());
        boolean changed = false;
        if (!finished.equals(finishedSeen)) {
            finishedSeen = finished;
            changed = true;
            if (finished.isEmpty()) {
                results = Optional.empty();
            } else {
                try {
                    results = Optional.of(StudyResults.compute(study, status.cells(), StudyResults.Options.defaults(study), runs));
                    resultsNote = finished.size() + " of " + status.cells().size() + " runs finished; the statistics are over those.";
                } catch (RuntimeException e) {
                    results = Optional.empty();
                    resultsNote = "The statistics cannot be computed: " + e.getMessage();
                }
            }
        }
        return new Snapshot(status, results, resultsNote, changed);
    }

    /** Cells of the latest status that a resume would start or continue. */
    public static List<CellStatus> resumable(StudyStatus status) {
        return status.cells().stream().filter(c -> c.state().resumable() && c.state() != CellState.PENDING).toList();
    }

    @Override
    public void close() {
        states.close();
    }
}
