package org.rmel.study;

/**
 * One (condition, seed) of a study: one ordinary run folder, {@code STUDY/runs/CONDITION-sSEED}.
 *
 * @param index the cell's place in the study (conditions in order, seeds within each); a Slurm
 *              array task id
 */
public record StudyCell(int index, String condition, int seed) {
    /** The run folder's name, e.g. {@code r-mel-s2}. */
    public String name() {
        return condition + "-s" + seed;
    }
}
