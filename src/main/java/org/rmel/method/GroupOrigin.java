package org.rmel.method;

/** Why a group's trajectories were sampled: the step's rollouts, or MEL+Extra's extra rollouts. */
public enum GroupOrigin {
    ROLLOUT("rollout"),
    EXTRA("extra");

    private final String wireName;

    GroupOrigin(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code group} events ({@code origin}). */
    public String wireName() {
        return wireName;
    }
}
