package org.rmel.study;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every cell of a study with its state, what the executor noted (Slurm accounting unavailable, a
 * job that could not write its probe file), and the study's estimated time left.
 */
public record StudyStatus(List<CellStatus> cells, List<String> notes, Optional<Duration> eta) {
    public StudyStatus {
        cells = List.copyOf(cells);
        notes = List.copyOf(notes);
    }

    public Map<CellState, Integer> counts() {
        Map<CellState, Integer> counts = new EnumMap<>(CellState.class);
        cells.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        return counts;
    }

    public boolean done() {
        return cells.stream().allMatch(c -> c.state() == CellState.FINISHED);
    }

    public boolean anyActive() {
        return cells.stream().anyMatch(c -> c.state().active());
    }

    public Optional<CellStatus> cell(StudyCell cell) {
        return cells.stream().filter(c -> c.cell().index() == cell.index()).findFirst();
    }

    /** "9 finished, 1 running, 5 pending". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        counts().forEach((state, n) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n).append(' ').append(state.label());
        });
        return sb + " (of " + cells.size() + " runs)";
    }
}
