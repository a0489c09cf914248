package org.rmel.method;

/**
 * How the policy is given the kept prefix p_τ (setting {@code revision_mode}).
 */
public enum RevisionMode {
    /**
     * The prefix is forced: the policy continues it token by token, and the revision is prefix +
     * continuation, so LCP ≥ cut always and the LCP filter can only reject by its floor edge.
     */
    FORCED("forced"),
    /**
     * The prefix is primed: it is shown to the policy in its prompt and the policy writes the whole
     * response again, so it may keep the prefix or depart from it; the LCP filter then decides.
     */
    PRIMED("primed");

    private final String wireName;

    RevisionMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name in run.json, {@code --set revision_mode=...} and the revision event's {@code mode}. */
    public String wireName() {
        return wireName;
    }

    public static RevisionMode fromName(String name) {
        return Names.parse(RevisionMode.class, name, RevisionMode::wireName, "revision_mode");
    }
}
