package org.rmel.method;

/**
 * What MEL+Extra's extra rollouts are matched to (setting {@code extra_match}).
 */
public enum ExtraMatch {
    /**
     * Generated tokens: per all-negative group, the extra rollouts spend as many tokens as R-MEL's
     * revision search spends on one (see {@link ExtraTokenBudget}).
     */
    TOKENS("tokens"),
    /** Calls: B fresh rollouts per all-negative group, as many sampling calls as R-MEL's B attempts. */
    CALLS("calls");

    private final String wireName;

    ExtraMatch(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ExtraMatch fromName(String name) {
        return Names.parse(ExtraMatch.class, name, ExtraMatch::wireName, "extra_match");
    }
}
