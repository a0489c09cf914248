package org.rmel.app.overview;

/** What the Overview's x axis shows. */
public enum XAxisMode {
    STEP("step"), WALL_TIME("wall time (min)");

    private final String label;

    XAxisMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Display units: minutes for wall time (stored in seconds). */
    public double scale() {
        return this == STEP ? 1 : 1 / 60.0;
    }
}
