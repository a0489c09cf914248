package org.rmel.figures.tables;

import java.util.Arrays;

/** Best and second-best in a column, ties included (the paper underlines both 50.00s in AMC23). */
final class Ranks {
    enum Mark { BEST, SECOND, NONE }

    private Ranks() {
    }

    static Mark[] of(double[] values) {
        double[] distinct = Arrays.stream(values).filter(v -> !Double.isNaN(v)).distinct().sorted().toArray();
        Mark[] marks = new Mark[values.length];
        double best = distinct.length > 0 ? distinct[distinct.length - 1] : Double.NaN;
        double second = distinct.length > 1 ? distinct[distinct.length - 2] : Double.NaN;
        for (int i = 0; i < values.length; i++) {
            // With a single row there is nothing to compare: no marks.
            marks[i] = values.length < 2 || Double.isNaN(values[i]) ? Mark.NONE
                    : values[i] == best ? Mark.BEST : values[i] == second ? Mark.SECOND : Mark.NONE;
        }
        return marks;
    }
}
